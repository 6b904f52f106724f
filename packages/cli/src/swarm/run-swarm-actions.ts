import type { SwarmEngine } from "@stackform/engine";
import type { SwarmAction } from "@stackform/planner";
import type { SwarmServiceSpec } from "@stackform/schema";

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
  // Secrets and configs this apply creates: their ids go into the services that mount them.
  const created = new Map<string, string>();
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
      case "createFileObject":
        created.set(action.name, await engine.createFileObject(action.objectKind, action.spec));
        break;
      case "removeFileObject":
        await engine.removeFileObject(action.objectKind, action.objectId, action.name);
        break;
      case "createService":
        serviceId = await engine.createService(withFileIds(action.spec, created));
        break;
      case "updateService":
        await engine.updateService(action.serviceId, action.version, withFileIds(action.spec, created));
        serviceId = action.serviceId;
        break;
      case "removeService":
        await engine.removeService(action.serviceId, action.name);
        break;
    }
    const elapsedMs = Date.now() - started;
    const what = "objectKind" in action ? `${VERB[action.kind]} ${action.objectKind}` : VERB[action.kind];
    say(`${what} ${action.name} (${elapsedMs} ms)`);
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

/** The spec with the ids of the secrets and configs created by this apply filled in. */
function withFileIds(spec: SwarmServiceSpec, created: Map<string, string>): SwarmServiceSpec {
  const c = spec.TaskTemplate.ContainerSpec;
  if (!c.Secrets && !c.Configs) return spec;
  const idOf = (id: string, name: string) => {
    const found = id || created.get(name);
    if (!found)
      throw new Error(`no id for ${name}, which the plan did not create; this is a bug in Stackform`);
    return found;
  };
  return {
    ...spec,
    TaskTemplate: {
      ...spec.TaskTemplate,
      ContainerSpec: {
        ...c,
        ...(c.Secrets
          ? { Secrets: c.Secrets.map((r) => ({ ...r, SecretID: idOf(r.SecretID, r.SecretName) })) }
          : {}),
        ...(c.Configs
          ? { Configs: c.Configs.map((r) => ({ ...r, ConfigID: idOf(r.ConfigID, r.ConfigName) })) }
          : {}),
      },
    },
  };
}

const VERB: Record<SwarmAction["kind"], string> = {
  createFileObject: "created",
  removeFileObject: "removed",
  createNetwork: "created network",
  removeNetwork: "removed network",
  createService: "created service",
  updateService: "updated service",
  removeService: "removed service",
};
