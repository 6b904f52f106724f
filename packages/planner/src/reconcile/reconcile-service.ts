import type { DesiredService, ObservedContainer } from "@stackform/schema/contract";
import { OperationIds } from "../model/operation-ids.js";
import { isAsideName } from "../rollout/aside-name.js";
import { addDrainedRemove } from "../rollout/drained-remove.js";
import { finishRollout, planReplace } from "../rollout/plan-rollout.js";
import {
  asidesByFinalName,
  orderAfterRenameBack,
  recoverAsides,
  removeStrayAsides,
} from "../rollout/recover-asides.js";
import { finalNameOf, isTemporaryName, replicasOf } from "../spec/names.js";
import { adoptComposeContainer } from "./adopt-compose-container.js";
import { repairDrift } from "./container-drift.js";
import { addStart, addStopAndRemove, planCreate } from "./container-ops.js";
import { describeCreate } from "./describe-create.js";
import type { PlanContext } from "./plan-context.js";
import { replaceReason } from "./replace-cause.js";
import { makeSlot, type Slot } from "./slot.js";

/**
 * Plans one service's containers: one slot per replica (created, kept and repaired, or
 * replaced), leftovers of interrupted replaces finished or cleaned up, and containers beyond
 * the replica count removed, highest numbers first.
 */
export function reconcileService(ctx: PlanContext, service: DesiredService): void {
  const replicas = replicasOf(service);
  const all = ctx.containersByService.get(service.name) ?? [];
  const regular = all.filter((c) => !isTemporaryName(c.name) && !isAsideName(c.name));
  const asides = asidesByFinalName(all);
  const temporaries = new Map<string, ObservedContainer[]>();
  for (const temporary of all.filter((c) => isTemporaryName(c.name))) {
    const list = temporaries.get(finalNameOf(temporary.name)) ?? [];
    list.push(temporary);
    temporaries.set(finalNameOf(temporary.name), list);
  }
  const highest = regular.reduce((max, c) => Math.max(max, c.number), 0);
  const claimed = new Set<ObservedContainer>();

  for (let number = 1; number <= replicas; number++) {
    const candidates = regular.filter((c) => c.number === number);
    // A container of the Compose project being adopted keeps its Compose name when nothing else differs.
    const slot = adoptComposeContainer(ctx, makeSlot(ctx, service, number), candidates);
    // Prefer the container already under the final name, then a running one (list is sorted).
    const current =
      candidates.find((c) => c.name === slot.name && c.state === "running") ??
      candidates.find((c) => c.name === slot.name) ??
      candidates.find((c) => c.state === "running") ??
      candidates[0];
    for (const duplicate of candidates) {
      claimed.add(duplicate);
      if (duplicate === current) continue;
      addStopAndRemove(ctx, duplicate, slot.resource);
      const cause = `a second container for replica ${number}`;
      ctx.builder.note(slot.resource, "update", cause, [], { name: duplicate.name, action: "remove", cause });
    }
    const leftovers = temporaries.get(slot.name) ?? [];
    temporaries.delete(slot.name);
    const recovered = recoverAsides(ctx, slot, current, asides.get(slot.name) ?? [], leftovers);
    asides.delete(slot.name);
    const info = { observed: regular.length + (recovered.current === current ? 0 : 1), highest, replicas };
    reconcileSlot(ctx, slot, recovered.current, leftovers, info, recovered.blockers);
    orderAfterRenameBack(ctx, slot, recovered);
  }

  const resource = `service ${service.name}`;
  if (regular.length > 0 && highest !== replicas) {
    ctx.builder.note(resource, "update", `scaled from ${highest} to ${replicas}`, [
      { path: "replicas", before: highest, after: replicas, sensitive: false, forcesReplace: false },
    ]);
  }
  for (const orphan of regular.filter((c) => !claimed.has(c)).sort((a, b) => b.number - a.number)) {
    addDrainedRemove(ctx, service, orphan, resource);
    const cause = `scaled from ${highest} to ${replicas}`;
    ctx.builder.note(resource, "update", cause, [], { name: orphan.name, action: "remove", cause });
  }
  for (const list of temporaries.values()) {
    for (const temporary of list) {
      addStopAndRemove(ctx, temporary, resource);
      const cause = "left by an interrupted replace of a container no longer in the stack";
      ctx.builder.note(resource, "update", cause, [], { name: temporary.name, action: "remove", cause });
    }
  }
  removeStrayAsides(ctx, resource, asides.values());
  finishRollout(ctx, service.name);
}

interface SlotContext {
  /** How many regular containers the service has on the engine. */
  observed: number;
  /** The highest replica number on the engine. */
  highest: number;
  replicas: number;
}

/**
 * Crash recovery first: a temporary container (the new half of a replace an apply did not
 * finish) is removed when the container it replaces still exists, and the replace is planned
 * afresh; when the original is gone and the temporary already has the desired configuration it
 * is renamed and started; otherwise it is removed and the container created anew.
 */
function reconcileSlot(
  ctx: PlanContext,
  slot: Slot,
  current: ObservedContainer | undefined,
  leftovers: ObservedContainer[],
  info: SlotContext,
  /** Operations every operation on the slot waits for (an aside container renamed back). */
  recovered: string[] = [],
): void {
  const blockers: string[] = [...recovered];
  for (const temporary of leftovers) {
    if (!current && adoptable(ctx, slot, temporary)) {
      current = temporary;
      const rename = OperationIds.rename(temporary.name);
      ctx.builder.add({
        id: rename,
        after: [],
        resource: slot.resource,
        kind: "renameContainer",
        container: temporary.name,
        newName: slot.name,
      });
      // A running leftover only needs its name; dependents then order after the rename.
      if (temporary.state !== "running") addStart(ctx, slot, [rename]);
      else ctx.startOps.set(slot.name, rename);
      ctx.newContainers.add(slot.name);
      const cause = `finishes a replace an earlier apply left unfinished: ${temporary.name} is renamed to ${slot.name}${temporary.state === "running" ? "" : " and started"}`;
      ctx.builder.note(slot.resource, "update", cause, [], { name: slot.name, action: "update", cause });
      continue;
    }
    blockers.push(addStopAndRemove(ctx, temporary, slot.resource));
    const cause = `removes ${temporary.name}, left by an interrupted apply`;
    ctx.builder.note(slot.resource, "update", cause, [], { name: temporary.name, action: "remove", cause });
  }
  if (current && leftovers.includes(current)) return;

  if (!current) {
    planCreate(ctx, slot, blockers);
    const cause =
      info.observed === 0
        ? "not on the engine"
        : slot.number > info.highest
          ? `scaled from ${info.highest} to ${info.replicas}`
          : "missing on the engine (removed outside Stackform?)";
    // A new service is created; a new replica of an existing one changes the service.
    const isNew = info.observed === 0;
    ctx.builder.note(
      slot.resource,
      isNew ? "create" : "update",
      cause,
      isNew ? describeCreate(ctx, slot) : [],
      {
        name: slot.name,
        action: "create",
        cause,
      },
    );
    return;
  }
  const reason = replaceReason(ctx, slot, current);
  if (reason) {
    planReplace(ctx, slot, current, blockers);
    ctx.builder.note(slot.resource, "replace", reason.cause, reason.fields, {
      name: slot.name,
      action: "replace",
      cause: reason.cause,
    });
    return;
  }
  repairDrift(ctx, slot, current, blockers);
}

/** The leftover can become the container when nothing about it needs changing. */
function adoptable(ctx: PlanContext, slot: Slot, temporary: ObservedContainer): boolean {
  return (
    temporary.configHash === slot.hash &&
    temporary.state !== "dead" &&
    temporary.state !== "removing" &&
    // Its networks must stay as they are: adopting it on a network being recreated is not worth the order.
    Object.keys(temporary.networks).every(
      (n) =>
        ctx.networkStatus.get(n) !== "replace" && ctx.builder.has(OperationIds.removeNetwork(n)) === false,
    )
  );
}
