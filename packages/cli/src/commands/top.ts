import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { serviceContainers } from "../service-containers.js";
import { resolveStackName } from "../stack-name.js";
import { table } from "../table.js";

/** `stack top [SERVICE...]`: the processes of each running container, as `ps` in it sees them. */
export async function topCommand(services: string[], options: GlobalOptions): Promise<void> {
  const stack = await resolveStackName(options);
  await withEngine(options, async (engine) => {
    const containers = (await serviceContainers(engine, stack, services)).filter(
      (c) => c.state === "running",
    );
    const tops = await Promise.all(containers.map((c) => engine.top(c.name)));
    if (options.json) {
      printJson({
        stack,
        engine: engine.endpoint,
        containers: containers.map((c, i) => ({
          name: c.name,
          service: c.service,
          titles: tops[i]!.titles,
          processes: tops[i]!.processes,
        })),
      });
      return;
    }
    containers.forEach((c, i) => {
      const top = tops[i]!;
      process.stdout.write(`${i > 0 ? "\n" : ""}${c.name}\n${table([top.titles, ...top.processes])}`);
    });
    if (containers.length === 0) process.stderr.write(`No running containers for stack ${stack}.\n`);
  });
}
