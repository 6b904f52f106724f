import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { serviceReplica } from "../service-containers.js";
import { resolveStackName } from "../stack-name.js";

export interface PortFlags extends GlobalOptions {
  protocol: string;
  index: number;
}

/** `stack port SERVICE PRIVATE_PORT[/PROTO]`: the host address the engine bound for it. */
export async function portCommand(service: string, privatePort: string, options: PortFlags): Promise<void> {
  const match = /^(\d+)(?:\/(tcp|udp|sctp))?$/.exec(privatePort);
  if (!match) throw new CliError(`"${privatePort}" is not a port`, "e.g. stack port web 80 or web 53/udp");
  const target = Number(match[1]);
  const protocol = match[2] ?? options.protocol;
  const stack = await resolveStackName(options);
  await withEngine(options, async (engine) => {
    const container = await serviceReplica(engine, stack, service, options.index);
    const bound = container.publishedPorts.filter((p) => p.target === target && p.protocol === protocol);
    if (bound.length === 0) {
      throw new CliError(
        `${container.name} has no published port for ${target}/${protocol}`,
        container.state === "running" ? "see `ports:` in the stack file" : `it is ${container.state}`,
      );
    }
    if (options.json) {
      printJson({
        container: container.name,
        target,
        protocol,
        bindings: bound.map((p) => ({ host_ip: p.hostIp, host_port: p.hostPort })),
      });
      return;
    }
    // The first binding, as `docker compose port` prints one address.
    const first = bound[0]!;
    process.stdout.write(
      `${first.hostIp.includes(":") ? `[${first.hostIp}]` : first.hostIp}:${first.hostPort}\n`,
    );
  });
}
