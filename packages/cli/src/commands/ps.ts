import type { ObservedContainer } from "@stackform/schema";
import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { formatPorts } from "../port-list.js";
import { resolveStackName } from "../stack-name.js";
import { stackTarget } from "../swarm/stack-target.js";
import { table } from "../table.js";

export async function psCommand(options: GlobalOptions): Promise<void> {
  const stack = await resolveStackName(options);
  if ((await stackTarget(options)) === "swarm") {
    return (await import("../swarm/swarm-ps-command.js")).swarmPsCommand(options, stack);
  }
  await withEngine(options, async (engine) => {
    const observed = await engine.observe(stack);
    const containers = [...observed.containers].sort(
      (a, b) => a.service.localeCompare(b.service) || a.number - b.number,
    );
    if (options.json) {
      const rows = containers.map((c) => ({
        name: c.name,
        service: c.service,
        number: c.number,
        state: c.state,
        health: c.health ?? null,
        exit_code: c.state === "exited" || c.state === "dead" ? (c.exitCode ?? null) : null,
        image: c.image,
        id: c.id,
        ports: formatPorts(c.publishedPorts),
        published_ports: c.publishedPorts.map((p) => ({
          host_ip: p.hostIp,
          host_port: p.hostPort,
          target: p.target,
          protocol: p.protocol,
        })),
      }));
      printJson({ stack, engine: engine.endpoint, containers: rows });
      return;
    }
    process.stdout.write(table([["NAME", "SERVICE", "STATUS", "IMAGE", "PORTS"], ...containers.map(row)]));
    if (containers.length === 0)
      process.stderr.write(`No containers for stack ${stack} on ${engine.endpoint}.\n`);
  });
}

/** `running (healthy)`, `exited (1)`, as `docker compose ps` words its STATUS column. */
function row(c: ObservedContainer): string[] {
  let status: string = c.state;
  if (c.health) status += ` (${c.health})`;
  if ((c.state === "exited" || c.state === "dead") && c.exitCode !== undefined) status += ` (${c.exitCode})`;
  return [c.name, c.service, status, c.image, formatPorts(c.publishedPorts)];
}
