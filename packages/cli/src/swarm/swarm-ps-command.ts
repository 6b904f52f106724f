import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { table } from "../table.js";
import { withSwarm } from "./with-swarm.js";

/**
 * `stack ps --target swarm`: the stack's tasks, per node, with their state and error, the newest
 * of each slot first (Swarm keeps the replaced and failed ones for a while, as `docker stack ps`).
 */
export async function swarmPsCommand(options: GlobalOptions, stack: string): Promise<void> {
  await withSwarm(options, async (engine) => {
    const observed = await engine.observe(stack);
    const names = new Map(observed.services.map((s) => [s.id, s.name]));
    const tasks = (await engine.tasks({ serviceIds: [...names.keys()] }))
      .map((t) => ({
        ...t,
        service: names.get(t.serviceId) ?? t.serviceId,
        name: `${names.get(t.serviceId) ?? t.serviceId}.${t.slot ?? t.node}`,
      }))
      .sort(
        (a, b) =>
          a.service.localeCompare(b.service) ||
          (a.slot ?? 0) - (b.slot ?? 0) ||
          a.node.localeCompare(b.node) ||
          (b.updatedAt ?? "").localeCompare(a.updatedAt ?? ""),
      );
    if (options.json) {
      printJson({
        stack,
        target: "swarm",
        engine: engine.endpoint,
        tasks: tasks.map((t) => ({
          name: t.name,
          service: t.service,
          id: t.id,
          node: t.node,
          desired_state: t.desiredState,
          state: t.state,
          error: t.error ?? null,
        })),
      });
      return;
    }
    const rows = tasks.map((t) => [t.name, t.node, t.desiredState, t.state, t.error ?? ""]);
    process.stdout.write(table([["NAME", "NODE", "DESIRED", "STATE", "ERROR"], ...rows]));
    if (tasks.length === 0)
      process.stderr.write(`No tasks for stack ${stack} on the Swarm at ${engine.endpoint}.\n`);
  });
}
