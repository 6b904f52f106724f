import type { ObservedSwarm, ObservedSwarmNetwork, SwarmNetworkSpec } from "@stackform/schema/contract";
import type { Change } from "../model/plan.js";
import { compareText } from "../util/compare.js";
import type { SwarmAction } from "./swarm-plan.js";

/** A stack network whose options differ from the file's; `change` gets the operations that replace it. */
export interface ReplacedNetwork {
  have: ObservedSwarmNetwork;
  spec: SwarmNetworkSpec;
  change: Change;
}

/**
 * The actions that replace networks whose options changed. Swarm refuses to remove a network a
 * service names, so first every service on one leaves it (an update to its observed spec without
 * it; its later update re-joins it) and every service on one that the file dropped is removed;
 * then each network is removed and created anew.
 */
export function replaceNetworks(
  replaced: ReplacedNetwork[],
  observed: ObservedSwarm,
  wantedServiceNames: Set<string>,
  act: (action: SwarmAction) => string,
): { detached: Map<string, { id: string; networks: string[] }>; removedEarly: Map<string, string> } {
  const detached = new Map<string, { id: string; networks: string[] }>();
  const removedEarly = new Map<string, string>();
  if (replaced.length === 0) return { detached, removedEarly };
  const networkOf = (target: string) =>
    replaced.find(({ have }) => have.id === target || have.name === target)?.have.name;
  for (const have of [...observed.services].sort((a, b) => compareText(a.name, b.name))) {
    const attached = have.spec.TaskTemplate.Networks ?? [];
    const leaving = attached.flatMap((n) => networkOf(n.Target) ?? []);
    if (leaving.length === 0) continue;
    if (!wantedServiceNames.has(have.name)) {
      const id = act({
        id: `service:${have.name}:remove`,
        kind: "removeService",
        name: have.name,
        serviceId: have.id,
      });
      removedEarly.set(have.name, id);
      continue;
    }
    const spec = structuredClone(have.spec);
    const staying = attached.filter((n) => networkOf(n.Target) === undefined);
    if (staying.length > 0) spec.TaskTemplate.Networks = staying;
    else delete spec.TaskTemplate.Networks;
    const id = act({
      id: `service:${have.name}:detach`,
      kind: "detachService",
      name: have.name,
      serviceId: have.id,
      version: have.version,
      networks: leaving,
      spec,
    });
    detached.set(have.name, { id, networks: leaving });
  }
  for (const { have, spec, change } of replaced) {
    change.operations.push(
      act({ id: `network:${have.name}:remove`, kind: "removeNetwork", name: have.name, networkId: have.id }),
      act({ id: `network:${have.name}:create`, kind: "createNetwork", name: have.name, spec }),
    );
  }
  return { detached, removedEarly };
}
