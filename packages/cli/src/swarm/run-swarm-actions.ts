import { isEngineError, type SwarmEngine } from "@stackform/engine";
import type { SwarmAction } from "@stackform/planner";
import { Labels, type SwarmServiceSpec } from "@stackform/schema";
import { CliError } from "../cli-error.js";

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
  await refuseSharedNetworkReplace(engine, actions);
  const outcomes: ActionOutcome[] = [];
  // Secrets and configs this apply creates: their ids go into the services that mount them.
  const created = new Map<string, string>();
  // Images this apply built and pushed, by reference: the services run them by the pushed digest.
  const built = new Map<string, string>();
  // Services this apply moved off a replaced network (see rejoin).
  const detached = new Set<string>();
  for (const action of actions) {
    const started = Date.now();
    let serviceId: string | undefined;
    switch (action.kind) {
      case "buildImage": {
        await engine.buildImage(action.name, action.build);
        say(`built image ${action.name} on the manager (${Date.now() - started} ms)`);
        built.set(action.name, await engine.pushImage(action.name));
        break;
      }
      case "createNetwork":
        await engine.createNetwork(action.spec);
        break;
      case "removeNetwork":
        // After services left it, their old tasks must stop first: as long as their rollouts take.
        await engine.removeNetwork(
          action.networkId,
          action.name,
          detached.size > 0 ? REPLACE_WAIT_MS : undefined,
        );
        break;
      case "createFileObject":
        created.set(action.name, await engine.createFileObject(action.objectKind, action.spec));
        break;
      case "removeFileObject":
        await engine.removeFileObject(action.objectKind, action.objectId, action.name);
        break;
      case "createService":
        serviceId = await engine.createService(withBuiltImage(withFileIds(action.spec, created), built));
        break;
      case "detachService": {
        await engine.updateService(action.serviceId, action.version, action.spec);
        detached.add(action.serviceId);
        break;
      }
      case "updateService": {
        const spec = withBuiltImage(withFileIds(action.spec, created), built);
        if (detached.has(action.serviceId)) await rejoin(engine, action.serviceId, spec);
        else await engine.updateService(action.serviceId, action.version, spec);
        serviceId = action.serviceId;
        break;
      }
      case "removeService":
        await engine.removeService(action.serviceId, action.name);
        break;
    }
    const elapsedMs = Date.now() - started;
    const what =
      "objectKind" in action
        ? `${VERB[action.kind]} ${action.objectKind}`
        : action.kind === "detachService"
          ? `detached network ${action.networks.join(", ")} from service`
          : VERB[action.kind];
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

/**
 * Before anything moves: a network to be replaced must have no service outside this plan on it.
 * Swarm would refuse its removal only after the stack's own services had left it, and they would
 * stay off it until a later apply.
 */
async function refuseSharedNetworkReplace(engine: SwarmEngine, actions: SwarmAction[]): Promise<void> {
  if (!actions.some((a) => a.kind === "detachService")) return;
  const moved = new Set(
    actions.flatMap((a) => (a.kind === "detachService" || a.kind === "removeService" ? [a.name] : [])),
  );
  for (const action of actions) {
    if (action.kind !== "removeNetwork") continue;
    const others = (await engine.servicesOn(action.networkId)).filter((name) => !moved.has(name));
    if (others.length > 0)
      throw new CliError(
        `network ${action.name} must be replaced to change its options, but service ${others.join(", ")} outside this stack uses it; nothing was changed`,
        `move ${others.length > 1 ? "those services" : "that service"} off it first, or keep the network's options as they are`,
      );
  }
}

/** How long a replaced network's removal waits for the tasks of the services that left it. */ /** How long a replaced network's removal waits for the tasks of the services that left it. */
const REPLACE_WAIT_MS = 300_000;

/**
 * The update of a service this apply moved off a replaced network. Swarm bumps its version while
 * that move rolls out, so the update names the version it has now, read again if it moves on
 * between the read and the update; the apply's first update of it already guarded the planned one.
 */
async function rejoin(engine: SwarmEngine, serviceId: string, spec: SwarmServiceSpec): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const now = await engine.service(serviceId);
    if (!now)
      throw new CliError(
        `service ${spec.Name} was removed from the Swarm during the apply`,
        "run `stack plan` again to see what is left, then apply the new plan",
      );
    try {
      await engine.updateService(serviceId, now.version, spec);
      return;
    } catch (error) {
      if (attempt >= 5 || !isEngineError(error, "conflict")) throw error;
    }
  }
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

/** A built service's spec pinned to the digest this apply pushed (the plan could not know it). */
function withBuiltImage(spec: SwarmServiceSpec, built: Map<string, string>): SwarmServiceSpec {
  const ref = spec.TaskTemplate.ContainerSpec.Image;
  const digest = built.get(ref);
  if (!digest || spec.Labels[Labels.buildDigest] !== "") return spec;
  return {
    ...spec,
    Labels: { ...spec.Labels, [Labels.buildDigest]: digest },
    TaskTemplate: {
      ...spec.TaskTemplate,
      ContainerSpec: { ...spec.TaskTemplate.ContainerSpec, Image: `${ref}@${digest}` },
    },
  };
}

const VERB: Record<SwarmAction["kind"], string> = {
  buildImage: "pushed image",
  createFileObject: "created",
  removeFileObject: "removed",
  createNetwork: "created network",
  removeNetwork: "removed network",
  createService: "created service",
  updateService: "updated service",
  detachService: "detached the replaced network(s) from service",
  removeService: "removed service",
};
