import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { expiryText, isExpired, shortSpan } from "../relative-time.js";
import { stackTarget } from "../swarm/stack-target.js";
import { table } from "../table.js";

/** Every stack on the engine, from its labels: what runs, who deployed it, when it expires. */
export async function lsCommand(options: GlobalOptions): Promise<void> {
  if ((await stackTarget(options)) === "swarm") return swarmLs(options);
  await withEngine(options, async (engine) => {
    const stacks = await engine.listStacks();
    const now = Date.now();
    if (options.json) {
      const rows = stacks.map((s) => ({
        name: s.name,
        containers: s.containers,
        running: s.running,
        owner: s.owner ?? null,
        created_at: s.createdAt ?? null,
        expires_at: s.expiresAt ?? null,
        expired: isExpired(s.expiresAt, now),
      }));
      printJson({ engine: engine.endpoint, stacks: rows });
      return;
    }
    if (stacks.length === 0) {
      process.stderr.write(`No stacks on ${engine.endpoint}.\n`);
      return;
    }
    process.stdout.write(
      table([
        ["NAME", "RUNNING", "OWNER", "AGE", "EXPIRES"],
        ...stacks.map((s) => [
          s.name,
          `${s.running}/${s.containers}`,
          s.owner ?? "-",
          s.createdAt ? shortSpan(now - Date.parse(s.createdAt)) : "-",
          expiryText(s.expiresAt, now),
        ]),
      ]),
    );
  });
}

/** Every stack on the Swarm, by the label `docker stack ls` reads: theirs are listed as well. */
async function swarmLs(options: GlobalOptions): Promise<void> {
  const { withSwarm } = await import("../swarm/with-swarm.js");
  await withSwarm(options, async (swarm) => {
    const stacks = await swarm.listStacks();
    if (options.json) {
      printJson({
        engine: swarm.endpoint,
        target: "swarm",
        stacks: stacks.map((s) => ({
          name: s.name,
          services: s.services,
          running_tasks: s.runningTasks,
          desired_tasks: s.desiredTasks,
        })),
      });
      return;
    }
    if (stacks.length === 0) {
      process.stderr.write(`No stacks on the Swarm at ${swarm.endpoint}.\n`);
      return;
    }
    process.stdout.write(
      table([
        ["NAME", "SERVICES", "TASKS"],
        ...stacks.map((s) => [s.name, String(s.services), `${s.runningTasks}/${s.desiredTasks}`]),
      ]),
    );
  });
}
