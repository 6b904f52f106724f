import type { ObservedContainer } from "@stackform/schema/contract";
import type { RenameContainer } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import { addStopAndRemove } from "../reconcile/container-ops.js";
import type { PlanContext } from "../reconcile/plan-context.js";
import type { Slot } from "../reconcile/slot.js";
import { finalNameOfAside, isAsideName } from "./aside-name.js";

/** Old containers a rolling update set aside, by the final name they left. */
export function asidesByFinalName(
  containers: readonly ObservedContainer[],
): Map<string, ObservedContainer[]> {
  const map = new Map<string, ObservedContainer[]>();
  for (const container of containers) {
    if (!isAsideName(container.name)) continue;
    const list = map.get(finalNameOfAside(container.name)) ?? [];
    list.push(container);
    map.set(finalNameOfAside(container.name), list);
  }
  return map;
}

export interface Recovered {
  /** The container the slot continues from: the observed one, or an aside one renamed back. */
  current: ObservedContainer | undefined;
  /** What every operation on the slot must wait for (the rename back). */
  blockers: string[];
}

/**
 * Crash recovery for a rolling update an apply did not finish (killed, the engine gone). An aside
 * container is the old half of a swap:
 * - when the final name is taken (the swap happened) or a finished new container waits under its
 *   temporary name, the aside one is no longer needed and is removed;
 * - otherwise it is the only copy of the replica: it takes its final name back and the slot is
 *   planned from it like any other container (replaced, or repaired and started).
 * No container that holds the replica is removed before its successor exists.
 */
export function recoverAsides(
  ctx: PlanContext,
  slot: Slot,
  current: ObservedContainer | undefined,
  asides: ObservedContainer[],
  temporaries: ObservedContainer[],
): Recovered {
  if (asides.length === 0) return { current, blockers: [] };
  const finished = temporaries.some(
    (t) => t.configHash === slot.hash && t.state !== "dead" && t.state !== "removing",
  );
  const keep = current || finished ? undefined : (asides.find((c) => c.state === "running") ?? asides[0]);
  for (const aside of asides) {
    if (aside === keep) continue;
    addStopAndRemove(ctx, aside, slot.resource);
    const cause = `removes ${aside.name}, the old half of a rolling update an earlier apply left unfinished`;
    ctx.builder.note(slot.resource, "update", cause, [], { name: aside.name, action: "remove", cause });
  }
  if (!keep) return { current, blockers: [] };
  const rename = OperationIds.rename(keep.name);
  ctx.builder.add<RenameContainer>({
    id: rename,
    after: [],
    resource: slot.resource,
    kind: "renameContainer",
    container: keep.name,
    newName: slot.name,
  });
  // Dependents of a container that needs nothing more wait for its name to be back.
  ctx.readyOps.set(slot.name, rename);
  const cause = `${keep.name} takes back its name ${slot.name}: an earlier apply left a rolling update unfinished`;
  ctx.builder.note(slot.resource, "update", cause, [], { name: slot.name, action: "update", cause });
  return { current: { ...keep, name: slot.name }, blockers: [rename] };
}

/**
 * Drift repairs act on the container by its final name: once the slot is planned, every one of
 * them waits for the rename back (`after` of those that join the plan later cannot name it).
 */
export function orderAfterRenameBack(ctx: PlanContext, slot: Slot, recovered: Recovered): void {
  const rename = recovered.blockers[0];
  if (rename === undefined || !recovered.current) return;
  const networks = new Set([
    ...slot.spec.networks.map((n) => n.network),
    ...Object.keys(recovered.current.networks),
  ]);
  const candidates = [
    OperationIds.start(slot.name),
    OperationIds.update(slot.name),
    ...[...networks].flatMap((n) => [
      OperationIds.connect(slot.name, n),
      OperationIds.disconnect(slot.name, n),
    ]),
  ];
  for (const id of candidates) if (ctx.builder.has(id)) ctx.builder.after(id, rename);
}

/** Aside containers of replicas the stack no longer has: nothing will take them back. */
export function removeStrayAsides(
  ctx: PlanContext,
  resource: string,
  strays: Iterable<ObservedContainer[]>,
): void {
  for (const list of strays) {
    for (const aside of list) {
      addStopAndRemove(ctx, aside, resource);
      const cause = "left by an interrupted rolling update of a container no longer in the stack";
      ctx.builder.note(resource, "update", cause, [], { name: aside.name, action: "remove", cause });
    }
  }
}
