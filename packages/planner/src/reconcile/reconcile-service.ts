import type { DesiredService, ObservedContainer } from "@stackform/schema";
import { finalNameOf, isTemporaryName, replicasOf } from "../spec/names.js";
import { repairDrift } from "./container-drift.js";
import { addStart, addStopAndRemove, planCreate, planReplace } from "./container-ops.js";
import type { PlanContext } from "./plan-context.js";
import { replaceReason } from "./replace-cause.js";
import { containerResource, makeSlot, type Slot } from "./slot.js";

/**
 * Plans one service's containers: one slot per replica (created, kept and repaired, or
 * replaced), leftovers of interrupted replaces finished or cleaned up, and containers beyond
 * the replica count removed, highest numbers first.
 */
export function reconcileService(ctx: PlanContext, service: DesiredService): void {
  const replicas = replicasOf(service);
  const all = ctx.containersByService.get(service.name) ?? [];
  const regular = all.filter((c) => !isTemporaryName(c.name));
  const temporaries = new Map<string, ObservedContainer[]>();
  for (const temporary of all.filter((c) => isTemporaryName(c.name))) {
    const list = temporaries.get(finalNameOf(temporary.name)) ?? [];
    list.push(temporary);
    temporaries.set(finalNameOf(temporary.name), list);
  }
  const highest = regular.reduce((max, c) => Math.max(max, c.number), 0);
  const claimed = new Set<ObservedContainer>();

  for (let number = 1; number <= replicas; number++) {
    const slot = makeSlot(ctx, service, number, replicas);
    const candidates = regular.filter((c) => c.number === number);
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
      ctx.builder.note(
        slot.resource,
        "update",
        `removes ${duplicate.name}, a second container for replica ${number}`,
      );
    }
    const leftovers = temporaries.get(slot.name) ?? [];
    temporaries.delete(slot.name);
    reconcileSlot(ctx, slot, current, leftovers, { observed: regular.length, highest, replicas });
  }

  for (const orphan of regular.filter((c) => !claimed.has(c)).sort((a, b) => b.number - a.number)) {
    const resource = containerResource(service.name, orphan.name, false);
    addStopAndRemove(ctx, orphan, resource);
    ctx.builder.note(resource, "remove", `scaled from ${highest} to ${replicas}`);
  }
  for (const list of temporaries.values()) {
    for (const temporary of list) {
      const resource = containerResource(service.name, temporary.name, false);
      addStopAndRemove(ctx, temporary, resource);
      ctx.builder.note(
        resource,
        "remove",
        "left by an interrupted replace of a container no longer in the stack",
      );
    }
  }
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
): void {
  const blockers: string[] = [];
  for (const temporary of leftovers) {
    if (!current && adoptable(ctx, slot, temporary)) {
      current = temporary;
      const rename = `rename:${temporary.name}`;
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
      ctx.builder.note(
        slot.resource,
        "update",
        `finishes a replace an earlier apply left unfinished: ${temporary.name} is renamed to ${slot.name}${temporary.state === "running" ? "" : " and started"}`,
      );
      continue;
    }
    blockers.push(addStopAndRemove(ctx, temporary, slot.resource));
    ctx.builder.note(slot.resource, "update", `removes ${temporary.name}, left by an interrupted apply`);
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
    ctx.builder.note(slot.resource, "create", cause, createFields(slot));
    return;
  }
  const reason = replaceReason(ctx, slot, current);
  if (reason) {
    planReplace(ctx, slot, current, blockers);
    ctx.builder.note(slot.resource, "replace", reason.cause, reason.fields);
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
      (n) => ctx.networkStatus.get(n) !== "replace" && ctx.builder.has(`remove-network:${n}`) === false,
    )
  );
}

/** A create shows the image and environment (sensitive values masked by the renderers) and ports. */
function createFields(slot: Slot) {
  const sensitive = new Set(slot.sensitiveEnv);
  return [
    { path: "image", after: slot.spec.image, sensitive: false, forcesReplace: false },
    ...Object.keys(slot.spec.env)
      .sort()
      .map((key) => ({
        path: `environment.${key}`,
        after: slot.spec.env[key],
        sensitive: sensitive.has(key),
        forcesReplace: false,
      })),
    ...slot.spec.portBindings.map((p, i) => ({
      path: `ports[${i}]`,
      after: `${p.hostIp ? `${p.hostIp}:` : ""}${p.hostPort ?? ""}${p.hostPort === undefined ? "" : ":"}${p.target}/${p.protocol}`,
      sensitive: false,
      forcesReplace: false,
    })),
  ];
}
