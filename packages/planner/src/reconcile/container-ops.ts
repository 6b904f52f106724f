import { type ContainerSpec, Labels, type ObservedContainer } from "@stackform/schema";
import type { CreateContainer } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import { temporaryName } from "../spec/names.js";
import { addStopOp, type PlanContext } from "./plan-context.js";
import type { Slot } from "./slot.js";

/** States in which a container has a process to stop first. */
export const isRunning = (container: ObservedContainer): boolean =>
  container.state === "running" || container.state === "restarting" || container.state === "paused";

/** What creating this spec waits for: its image, volumes and networks, when the plan makes them. */
export function createDependencies(ctx: PlanContext, spec: ContainerSpec): (string | undefined)[] {
  const deps: (string | undefined)[] = [ctx.imageOps.get(spec.image)];
  for (const mount of spec.mounts)
    if (mount.type === "volume" && mount.source) deps.push(ctx.volumeOps.get(mount.source));
  for (const network of spec.networks) deps.push(ctx.networkCreateOps.get(network.network));
  // `container:<name>` resolves to an id at create: a recreated target must carry its final
  // name first, or the new container joins the namespace of the old one, about to be removed.
  if (spec.networkMode.startsWith("container:")) {
    const target = spec.networkMode.slice("container:".length);
    deps.push(ctx.readyOps.get(target) ?? ctx.startOps.get(target));
  }
  return deps;
}

export function addCreate(
  ctx: PlanContext,
  slot: Slot,
  spec: ContainerSpec,
  after: (string | undefined)[],
): string {
  const op: CreateContainer = {
    id: OperationIds.create(spec.name),
    after: [],
    resource: slot.resource,
    kind: "createContainer",
    spec,
  };
  if (slot.sensitiveEnv.length > 0) op.sensitiveEnv = [...slot.sensitiveEnv];
  ctx.builder.add(op);
  ctx.builder.after(op.id, ...createDependencies(ctx, spec), ...after);
  return op.id;
}

export function addStart(ctx: PlanContext, slot: Slot, after: (string | undefined)[]): string {
  const id = OperationIds.start(slot.name);
  ctx.builder.add({ id, after: [], resource: slot.resource, kind: "startContainer", container: slot.name });
  ctx.builder.after(id, ...after);
  ctx.startOps.set(slot.name, id);
  return id;
}

/**
 * Stops (when it runs) and removes an observed container; registers both so dependents stop
 * first and networks are removed after. Returns the removal's id.
 */
export function addStopAndRemove(
  ctx: PlanContext,
  container: ObservedContainer,
  resource: string,
  after: (string | undefined)[] = [],
): string {
  const stopped = isRunning(container) ? addStop(ctx, container, resource, after) : undefined;
  return addRemove(ctx, container, resource, stopped ? [stopped] : after);
}

function addStop(
  ctx: PlanContext,
  container: ObservedContainer,
  resource: string,
  after: (string | undefined)[],
): string {
  const id = OperationIds.stop(container.name);
  ctx.builder.add({ id, after: [], resource, kind: "stopContainer", container: container.name });
  ctx.builder.after(id, ...after);
  addStopOp(ctx, container.service, id);
  return id;
}

function addRemove(
  ctx: PlanContext,
  container: ObservedContainer,
  resource: string,
  after: (string | undefined)[],
): string {
  const id = OperationIds.remove(container.name);
  ctx.builder.add({ id, after: [], resource, kind: "removeContainer", container: container.name });
  ctx.builder.after(id, ...after);
  ctx.removeOps.set(container.name, id);
  return id;
}

/** A missing container: create under its final name, then start. */
export function planCreate(ctx: PlanContext, slot: Slot, after: string[]): void {
  const create = addCreate(ctx, slot, slot.spec, after);
  addStart(ctx, slot, [create]);
  ctx.newContainers.add(slot.name);
}

/**
 * Replaces `old` with the slot's spec. The old container serves while the new one is created
 * under a temporary name (labelled with the id it replaces, so an interrupted apply can be
 * finished); then stop old → start new → remove old → rename new. Starting before the old one
 * is removed means a replacement that fails to start (a port taken, a bad command) is removed
 * and the old container started again: a bad change never takes the service down.
 * When the new spec joins a network that is itself being recreated, or the network namespace of
 * a container that is, the new container cannot be created before the old one is gone: then
 * stop → remove → create → start.
 * Named volumes survive either way; an anonymous volume is carried over by name.
 */
export function planReplace(ctx: PlanContext, slot: Slot, old: ObservedContainer, after: string[]): void {
  const spec = withCarriedVolumes(ctx, slot.spec, old);
  // In a namespace that is itself recreated, the new container can only be made once the target
  // is final, and the target is stopped after its dependents: no overlap is possible.
  const recreate =
    spec.networks.some((n) => ctx.networkStatus.get(n.network) === "replace") ||
    (spec.networkMode.startsWith("container:") && ctx.newContainers.has(spec.networkMode.slice(10)));
  ctx.newContainers.add(slot.name);
  if (recreate) {
    const removed = addStopAndRemove(ctx, old, slot.resource, after);
    const create = addCreate(ctx, slot, spec, [removed]);
    addStart(ctx, slot, [create]);
    return;
  }
  const temporary = temporaryName(slot.name);
  const create = addCreate(
    ctx,
    slot,
    { ...spec, name: temporary, labels: { ...spec.labels, [Labels.replaces]: old.id } },
    after,
  );
  const stopped = isRunning(old) ? addStop(ctx, old, slot.resource, [create]) : create;
  const start = OperationIds.start(temporary);
  ctx.builder.add({
    id: start,
    after: [],
    resource: slot.resource,
    kind: "startContainer",
    container: temporary,
    ...(isRunning(old) ? { restoreOnFailure: old.name } : {}),
  });
  ctx.builder.after(start, stopped);
  const removed = addRemove(ctx, old, slot.resource, [start]);
  const rename = OperationIds.rename(temporary);
  ctx.builder.add({
    id: rename,
    after: [],
    resource: slot.resource,
    kind: "renameContainer",
    container: temporary,
    newName: slot.name,
  });
  ctx.builder.after(rename, removed);
  ctx.startOps.set(slot.name, start);
  // Dependents and waits look for the final name: they follow the rename.
  ctx.readyOps.set(slot.name, rename);
}

/** Anonymous volume mounts reuse the old container's volume at the same target, as Compose does. */
function withCarriedVolumes(ctx: PlanContext, spec: ContainerSpec, old: ObservedContainer): ContainerSpec {
  if (!spec.mounts.some((m) => m.type === "volume" && m.source === undefined)) return spec;
  const mounts = spec.mounts.map((mount) => {
    if (mount.type !== "volume" || mount.source !== undefined) return mount;
    const previous = old.mounts.find(
      (m) => m.type === "volume" && m.target === mount.target && !ctx.stackVolumes.has(m.source),
    );
    return previous ? { ...mount, source: previous.source } : mount;
  });
  return { ...spec, mounts };
}
