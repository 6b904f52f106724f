import { Labels, type ObservedState } from "@stackform/schema";
import { PlanBuilder } from "./graph/plan-builder.js";
import { PLAN_FORMAT_VERSION, type Plan } from "./model/plan.js";
import { isRunning } from "./reconcile/container-ops.js";
import { containerResource } from "./reconcile/slot.js";
import { fingerprint } from "./saved/fingerprint.js";
import { compareText } from "./util/compare.js";

export interface DestroyOptions {
  /** `stack destroy --volumes`: delete the stack's volumes and their data too. */
  volumes: boolean;
}

export const volumeDeletedCause = (name: string): string => `data in volume ${name} will be deleted`;

/**
 * Everything the stack owns on the engine, torn down: every container (temporaries included)
 * stopped and removed, then the stack's networks, then, only with `volumes`, its volumes.
 * Nothing records what depended on what, so all stops run at once and each removal follows its
 * own stop: a container that ignores SIGTERM costs one grace period, not one per container.
 */
export function planDestroy(observed: ObservedState, options: DestroyOptions): Plan {
  const builder = new PlanBuilder();
  const stack = observed.stack;
  const containers = [...observed.containers].sort((a, b) => compareText(a.name, b.name));
  const perService = new Map<string, number>();
  for (const c of containers) perService.set(c.service, (perService.get(c.service) ?? 0) + 1);
  const removals = new Map<string, string>();
  for (const container of containers) {
    const resource = containerResource(
      container.service,
      container.name,
      perService.get(container.service) === 1,
    );
    let stop: string | undefined;
    if (isRunning(container)) {
      stop = `stop:${container.name}`;
      builder.add({ id: stop, after: [], resource, kind: "stopContainer", container: container.name });
    }
    const remove = `remove:${container.name}`;
    builder.add({ id: remove, after: [], resource, kind: "removeContainer", container: container.name });
    builder.after(remove, stop);
    removals.set(container.name, remove);
    builder.note(resource, "remove", `stack ${stack} is destroyed`);
  }
  for (const network of [...observed.networks]
    .filter((n) => n.stack === stack)
    .sort((a, b) => compareText(a.name, b.name))) {
    const resource = `network ${network.labels[Labels.key] ?? network.name}`;
    const id = `remove-network:${network.name}`;
    builder.add({ id, after: [], resource, kind: "removeNetwork", network: network.name });
    for (const container of containers)
      if (network.name in container.networks) builder.after(id, removals.get(container.name));
    builder.note(resource, "remove", `stack ${stack} is destroyed`);
  }
  for (const volume of [...observed.volumes]
    .filter((v) => v.stack === stack)
    .sort((a, b) => compareText(a.name, b.name))) {
    const resource = `volume ${volume.labels[Labels.key] ?? volume.name}`;
    if (!options.volumes) {
      builder.note(resource, "keep", "kept; data is only deleted by `stack destroy --volumes`");
      continue;
    }
    const id = `remove-volume:${volume.name}`;
    builder.add({ id, after: [], resource, kind: "removeVolume", volume: volume.name });
    // Any container may mount it (anonymous and named alike): the volume goes after all of them.
    builder.after(id, ...removals.values());
    builder.note(resource, "remove", volumeDeletedCause(volume.name));
  }
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack,
    operations: builder.operations(),
    changes: builder.changes(),
    warnings: builder.warnings(),
    fingerprint: fingerprint(observed),
  };
}
