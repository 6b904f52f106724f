import type { ObservedContainer } from "@stackform/schema";
import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { resolveStackName } from "../stack-name.js";
import { table } from "../table.js";

export async function psCommand(options: GlobalOptions): Promise<void> {
  const stack = await resolveStackName(options);
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
        exit_code: c.exitCode ?? null,
        image: c.image,
        id: c.id,
      }));
      process.stdout.write(
        `${JSON.stringify({ stack, engine: engine.endpoint, containers: rows }, null, 2)}\n`,
      );
      return;
    }
    process.stdout.write(table([["NAME", "SERVICE", "STATUS", "IMAGE"], ...containers.map(row)]));
    if (containers.length === 0)
      process.stderr.write(`No containers for stack ${stack} on ${engine.endpoint}.\n`);
  });
}

function row(c: ObservedContainer): string[] {
  let status: string = c.state;
  if (c.health) status += ` (${c.health})`;
  if (c.state === "exited" && c.exitCode !== undefined) status += ` (${c.exitCode})`;
  return [c.name, c.service, status, c.image];
}
