import { isEngineError, type SwarmEngine } from "@stackform/engine";
import { planSwarmDestroy } from "@stackform/planner";
import { CliError } from "../cli-error.js";
import type { DestroyFlags } from "../commands/destroy.js";
import { confirm } from "../prompt.js";
import { runSwarmActions } from "./run-swarm-actions.js";
import { withSwarm } from "./with-swarm.js";

/**
 * `stack destroy --target swarm`: every service of the stack, then its secrets, configs and
 * networks once the services' tasks are gone. Named volumes are local to each node and stay (Swarm does not track them).
 */
export async function swarmDestroyCommand(options: DestroyFlags, stack: string): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  await withSwarm(options, async (engine) => {
    const observed = await engine.observe(stack);
    const { actions } = planSwarmDestroy(stack, observed);
    if (actions.length === 0) {
      say(`Stack ${stack} has nothing on the Swarm at ${engine.endpoint}.`);
      if (options.json) process.stdout.write(`${JSON.stringify({ stack, target: "swarm", removed: [] })}\n`);
      return;
    }
    const names = actions.map((a) => a.name).join(", ");
    if (!(await confirm(`\nDestroy stack ${stack} on the Swarm (${names})?`, options.yes))) {
      throw new CliError("destroy cancelled; nothing was changed");
    }
    const services = actions.filter((a) => a.kind === "removeService");
    const rest = actions.filter((a) => a.kind !== "removeService");
    const serviceIds = observed.services.map((s) => s.id);
    await runSwarmActions(engine, services, say);
    await tasksGone(engine, serviceIds);
    await runSwarmActions(engine, rest, say);
    if (options.json)
      process.stdout.write(
        `${JSON.stringify({ stack, target: "swarm", removed: actions.map((a) => a.name) })}\n`,
      );
    say(`Destroyed stack ${stack}: ${actions.length} object(s) removed.`);
  });
}

/** Swarm removes a service's tasks asynchronously; the networks can go only after them. */
async function tasksGone(engine: SwarmEngine, serviceIds: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let left = serviceIds;
  while (left.length > 0 && Date.now() < deadline) {
    const still: string[] = [];
    for (const id of left) {
      try {
        if ((await engine.tasks({ serviceIds: [id] })).length > 0) still.push(id);
      } catch (error) {
        // The engine refuses a filter naming a service it no longer knows: its tasks are gone too.
        if (!isEngineError(error, "not-found")) throw error;
      }
    }
    left = still;
    if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
