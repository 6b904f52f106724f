import type { SwarmEngine } from "@stackform/engine";
import type { SwarmAction } from "@stackform/planner";

export interface ActionOutcome {
  id: string;
  kind: SwarmAction["kind"];
  name: string;
  /** The service's id, for waiting on it: created or updated services only. */
  serviceId?: string;
  elapsedMs: number;
}

/**
 * Runs a Swarm plan's actions in their order (networks, services, removals) and stops at the first
 * failure: Swarm itself rolls out each service's tasks, so there is no graph to walk.
 */
export async function runSwarmActions(
  engine: SwarmEngine,
  actions: SwarmAction[],
  say: (line: string) => void,
): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const action of actions) {
    const started = Date.now();
    let serviceId: string | undefined;
    switch (action.kind) {
      case "createNetwork":
        await engine.createNetwork(action.spec);
        break;
      case "removeNetwork":
        await engine.removeNetwork(action.networkId, action.name);
        break;
      case "createService":
        serviceId = await engine.createService(action.spec);
        break;
      case "updateService":
        await engine.updateService(action.serviceId, action.version, action.spec);
        serviceId = action.serviceId;
        break;
      case "removeService":
        await engine.removeService(action.serviceId, action.name);
        break;
    }
    const elapsedMs = Date.now() - started;
    say(`${VERB[action.kind]} ${action.name} (${elapsedMs} ms)`);
    outcomes.push({
      id: action.id,
      kind: action.kind,
      name: action.name,
      elapsedMs,
      ...(serviceId ? { serviceId } : {}),
    });
  }
  return outcomes;
}

const VERB: Record<SwarmAction["kind"], string> = {
  createNetwork: "created network",
  removeNetwork: "removed network",
  createService: "created service",
  updateService: "updated service",
  removeService: "removed service",
};
