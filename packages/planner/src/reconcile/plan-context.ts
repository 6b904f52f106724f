import type {
  DesiredStack,
  ObservedContainer,
  ObservedImage,
  ObservedNetwork,
  ObservedState,
  ObservedVolume,
} from "@stackform/schema/contract";
import type { PlanBuilder } from "../graph/plan-builder.js";
import type { PlanOptions } from "../plan-options.js";
import { compareText } from "../util/compare.js";

/** What the plan does with a network the stack file names. */
export type NetworkStatus = "create" | "replace" | "ok" | "external" | "missing-external" | "foreign";

/**
 * Everything the reconcile steps share: the inputs indexed once (maps, so a 5,000-service stack
 * stays linear), and what earlier steps decided that later ones order against.
 */
export interface PlanContext {
  desired: DesiredStack;
  observed: ObservedState;
  options: PlanOptions;
  builder: PlanBuilder;
  images: Map<string, ObservedImage>;
  networks: Map<string, ObservedNetwork>;
  volumes: Map<string, ObservedVolume>;
  /** Observed containers by service label, temporaries included, in a stable order. */
  containersByService: Map<string, ObservedContainer[]>;
  /** Image reference → the pull/build operation for it. */
  imageOps: Map<string, string>;
  /** Volume engine name → its createVolume operation. */
  volumeOps: Map<string, string>;
  /** Network engine name → its status, for networks the stack file names. */
  networkStatus: Map<string, NetworkStatus>;
  /** Network engine name → its createNetwork operation. */
  networkCreateOps: Map<string, string>;
  /** Container name (final) → the operation that starts it in this plan. */
  startOps: Map<string, string>;
  /**
   * Container name (final) → the operation after which it runs under that name, when that is
   * not its start (a replacement starts under a temporary name and is renamed after).
   */
  readyOps: Map<string, string>;
  /** Service → stop operations of its containers (old halves of replaces, orphans, restarts). */
  stopOps: Map<string, string[]>;
  /** Observed container name → its removeContainer operation. */
  removeOps: Map<string, string>;
  /** `<container>\u0000<network>` → its disconnectNetwork operation. */
  disconnectOps: Map<string, string>;
  /** Final names of containers that will be new containers after this plan (created or replaced). */
  newContainers: Set<string>;
  /** Observed container id → name, to read `container:<id>` network modes. */
  containerNames: Map<string, string>;
  /** Stackform's name of a replica → the Compose v1 name it is adopted under (adopt-compose-container.ts). */
  adoptedNames: Map<string, string>;
  /** Services some other service waits for with `service_completed_successfully`. */
  completionTargets: Set<string>;
  /** Engine names of volumes the stack owns or names: an old mount of any other volume is anonymous. */
  stackVolumes: Set<string>;
}

export function planContext(
  desired: DesiredStack,
  observed: ObservedState,
  options: PlanOptions,
  builder: PlanBuilder,
): PlanContext {
  const containersByService = new Map<string, ObservedContainer[]>();
  for (const container of observed.containers) {
    // One-off `run` containers are not replicas: neither adopted, reconciled nor removed as orphans.
    if (container.oneOff) continue;
    const list = containersByService.get(container.service) ?? [];
    list.push(container);
    containersByService.set(container.service, list);
  }
  for (const list of containersByService.values()) list.sort(compareContainers);
  return {
    desired,
    observed,
    options,
    builder,
    images: indexBy(observed.images, (i) => i.ref),
    networks: indexBy(observed.networks, (n) => n.name),
    volumes: indexBy(observed.volumes, (v) => v.name),
    containersByService,
    imageOps: new Map(),
    volumeOps: new Map(),
    networkStatus: new Map(),
    networkCreateOps: new Map(),
    startOps: new Map(),
    readyOps: new Map(),
    stopOps: new Map(),
    removeOps: new Map(),
    disconnectOps: new Map(),
    newContainers: new Set(),
    containerNames: new Map(observed.containers.map((c) => [c.id, c.name])),
    adoptedNames: new Map(),
    completionTargets: completionTargets(desired),
    stackVolumes: new Set([
      ...Object.values(desired.volumes).map((v) => v.name),
      ...observed.volumes.filter((v) => v.stack === desired.name).map((v) => v.name),
    ]),
  };
}

/** By number, then name, then id: the order the engine listed them in never matters. */
export const compareContainers = (a: ObservedContainer, b: ObservedContainer): number =>
  a.number - b.number || compareText(a.name, b.name) || compareText(a.id, b.id);

/**
 * Keyed by `key`; when two share a key, the one with the smallest canonical text wins, so the
 * choice does not depend on list order.
 */
function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const sorted = [...items].sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
  const map = new Map<string, T>();
  for (const item of sorted) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

export const edgeKey = (container: string, network: string): string => `${container}\u0000${network}`;

export function addStopOp(ctx: PlanContext, service: string, opId: string): void {
  const list = ctx.stopOps.get(service) ?? [];
  list.push(opId);
  ctx.stopOps.set(service, list);
}

function completionTargets(desired: DesiredStack): Set<string> {
  const targets = new Set<string>();
  for (const service of Object.values(desired.services)) {
    for (const [target, dependency] of Object.entries(service.dependsOn)) {
      if (dependency.condition === "service_completed_successfully") targets.add(target);
    }
  }
  return targets;
}
