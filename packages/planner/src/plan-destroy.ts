import { type DesiredService, Labels, type StackInventory } from "@stackform/schema/contract";
import { PlanBuilder } from "./graph/plan-builder.js";
import { OperationIds } from "./model/operation-ids.js";
import { PLAN_FORMAT_VERSION, type Plan } from "./model/plan.js";
import { isRunning } from "./reconcile/container-ops.js";
import { withPreStop } from "./reconcile/hook-runs.js";
import { serviceResource } from "./reconcile/slot.js";
import { inventoryFingerprint } from "./saved/fingerprint.js";
import { compareText } from "./util/compare.js";

export interface DestroyOptions {
  /** `stack destroy --volumes`: delete the stack's volumes and their data too. */
  volumes: boolean;
  /**
   * Volume names the stack file declares `external: true`, when the file is at hand: never the
   * stack's to delete, even when the engine shows them unlabelled.
   */
  externalVolumes?: readonly string[];
  /** The stack file's services, when it is at hand: their `pre_stop` hooks run before the stops. */
  services?: Readonly<Record<string, DesiredService>>;
}

/** A volume the stack made: a named one (labelled with the stack) or an anonymous one. */
export interface StackVolume {
  /** The engine's name. */
  name: string;
  /** The key in the stack file for a named volume; `undefined` for an anonymous one. */
  key?: string;
  anonymous: boolean;
  /** `service:/target` of each mount of it by the stack's containers, sorted. */
  mountedAt: string[];
}

export const volumeDeletedCause = (name: string): string => `data in volume ${name} will be deleted`;

// The engine names a volume it makes itself (`volumes: [/data]`, an image's VOLUME) with 64 random
// hex digits. A replacement mounts the old one by that name, so the name, not the way it is
// mounted, is what marks it as made by the engine for this stack; it also keeps a volume a person
// created (external, mounted by name) out of reach when the stack file is not at hand.
const ENGINE_GENERATED = /^[0-9a-f]{64}$/;

/**
 * The volumes `destroy --volumes` deletes: those labelled with the stack, and the anonymous ones
 * its containers mount (including those carried over by a replacement, which the engine no longer
 * treats as anonymous). A volume labelled with another stack, declared external, or named by a
 * person is never one of them. Sorted: named first by key, then anonymous by name.
 */
export function stackVolumes(
  observed: StackInventory,
  externalVolumes: readonly string[] = [],
): StackVolume[] {
  const mountedAt = new Map<string, string[]>();
  for (const container of observed.containers)
    for (const mount of container.mounts)
      if (mount.type === "volume") {
        const at = mountedAt.get(mount.source) ?? [];
        const where = `${container.service}:${mount.target}`;
        if (!at.includes(where)) at.push(where);
        mountedAt.set(mount.source, at);
      }
  const known = new Map(observed.volumes.map((v) => [v.name, v]));
  const external = new Set(externalVolumes);
  const named: StackVolume[] = observed.volumes
    .filter((v) => v.stack === observed.stack)
    .map((v) => ({
      name: v.name,
      key: v.labels[Labels.key] ?? v.name,
      anonymous: false,
      mountedAt: (mountedAt.get(v.name) ?? []).sort(compareText),
    }))
    .sort((a, b) => compareText(a.key, b.key));
  const anonymous: StackVolume[] = [...mountedAt]
    .filter(([name]) => {
      if (!ENGINE_GENERATED.test(name) || external.has(name)) return false;
      const seen = known.get(name);
      // Labelled with a stack (this one's are named volumes above) or by anyone else: not ours.
      return seen === undefined || (seen.stack === undefined && Object.keys(seen.labels).length === 0);
    })
    .map(([name, at]) => ({ name, anonymous: true, mountedAt: at.sort(compareText) }))
    .sort((a, b) => compareText(a.name, b.name));
  return [...named, ...anonymous];
}

/**
 * Everything the stack owns on the engine, torn down: every container (temporaries included)
 * stopped and removed, then the stack's networks, then, only with `volumes`, its volumes, named
 * and anonymous. Containers are removed keeping their volumes: which volumes go is decided here,
 * in the plan, and never by the engine's own idea of "anonymous".
 * Nothing records what depended on what, so all stops run at once and each removal follows its
 * own stop: a container that ignores SIGTERM costs one grace period, not one per container.
 */
export function planDestroy(observed: StackInventory, options: DestroyOptions): Plan {
  const builder = new PlanBuilder();
  const stack = observed.stack;
  const containers = [...observed.containers].sort((a, b) => compareText(a.name, b.name));
  const removals = new Map<string, string>();
  for (const container of containers) {
    const resource = serviceResource(container.service);
    let stop: string | undefined;
    if (isRunning(container)) {
      stop = OperationIds.stop(container.name);
      builder.add({
        id: stop,
        after: [],
        resource,
        kind: "stopContainer",
        container: container.name,
        ...withPreStop(options.services?.[container.service]),
      });
    }
    const remove = OperationIds.remove(container.name);
    builder.add({
      id: remove,
      after: [],
      resource,
      kind: "removeContainer",
      container: container.name,
      keepVolumes: true,
    });
    builder.after(remove, stop);
    removals.set(container.name, remove);
    const cause = `stack ${stack} is destroyed`;
    builder.note(resource, "remove", cause, [], { name: container.name, action: "remove", cause });
  }
  for (const network of [...observed.networks]
    .filter((n) => n.stack === stack)
    .sort((a, b) => compareText(a.name, b.name))) {
    const resource = `network ${network.labels[Labels.key] ?? network.name}`;
    const id = OperationIds.removeNetwork(network.name);
    builder.add({ id, after: [], resource, kind: "removeNetwork", network: network.name });
    for (const container of containers)
      if (network.name in container.networks) builder.after(id, removals.get(container.name));
    builder.note(resource, "remove", `stack ${stack} is destroyed`);
  }
  for (const volume of stackVolumes(observed, options.externalVolumes)) {
    const resource = `volume ${volume.key ?? volume.name}`;
    const anonymous = volume.anonymous ? `anonymous, mounted at ${volume.mountedAt.join(", ")}; ` : "";
    if (!options.volumes) {
      builder.note(resource, "keep", `${anonymous}kept; data is only deleted by \`stack destroy --volumes\``);
      continue;
    }
    const id = OperationIds.removeVolume(volume.name);
    builder.add({ id, after: [], resource, kind: "removeVolume", volume: volume.name });
    // Any container may mount it (anonymous and named alike): the volume goes after all of them.
    builder.after(id, ...removals.values());
    builder.note(resource, "remove", `${anonymous}${volumeDeletedCause(volume.name)}`);
  }
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack,
    operations: builder.operations(),
    changes: builder.changes(),
    warnings: builder.warnings(),
    fingerprint: inventoryFingerprint(observed),
  };
}
