import type { ContainerSpec, ObservedContainer } from "@stackform/schema/contract";
import type { CreateContainer } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import { withPostStart, withPreStop } from "./hook-runs.js";
import { addStopOp, type PlanContext } from "./plan-context.js";
import type { Slot } from "./slot.js";

/** States in which a container has a process to stop first. */
export const isRunning = (container: Pick<ObservedContainer, "state">): boolean =>
  container.state === "running" || container.state === "restarting" || container.state === "paused";

/** What creating this spec waits for: its image, volumes and networks, when the plan makes them. */
export function createDependencies(ctx: PlanContext, spec: ContainerSpec): (string | undefined)[] {
  const deps: (string | undefined)[] = [ctx.imageOps.get(spec.image)];
  for (const mount of spec.mounts)
    if (mount.type === "volume" && mount.source) deps.push(ctx.volumeOps.get(mount.source));
  for (const network of spec.networks) deps.push(ctx.networkCreateOps.get(network.network));
  // `container:<name>` (and a `volumes_from` name) resolves to an id at create: a recreated target
  // must carry its final name first, or the new container joins the namespace of the old one,
  // about to be removed.
  for (const target of referencedContainers(spec)) {
    const create = OperationIds.create(target);
    deps.push(
      ctx.readyOps.get(target) ?? ctx.startOps.get(target) ?? (ctx.builder.has(create) ? create : undefined),
    );
  }
  return deps;
}

/** The containers a spec names: namespaces it joins (network, pid, ipc), `volumes_from` sources, links. */
export function referencedContainers(spec: ContainerSpec): string[] {
  const namespaces = [spec.networkMode, spec.pidMode, spec.ipcMode]
    .filter((mode): mode is string => mode?.startsWith("container:") === true)
    .map((mode) => mode.slice("container:".length));
  const volumes = (spec.volumesFrom ?? []).map((entry) => entry.replace(/:(ro|rw)$/, ""));
  const links = (spec.links ?? []).map((entry) => entry.split(":")[0] ?? entry);
  return [...new Set([...namespaces, ...volumes, ...links])];
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
  ctx.builder.add({
    id,
    after: [],
    resource: slot.resource,
    kind: "startContainer",
    container: slot.name,
    ...withPostStart(slot.service),
  });
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
  options: { keepVolumes?: boolean } = {},
): string {
  const stopped = isRunning(container) ? addStop(ctx, container, resource, after) : undefined;
  return addRemove(ctx, container, resource, stopped ? [stopped] : after, options.keepVolumes);
}

function addStop(
  ctx: PlanContext,
  container: ObservedContainer,
  resource: string,
  after: (string | undefined)[],
): string {
  const id = OperationIds.stop(container.name);
  // Only a service still in the stack file has hooks to run: an orphan's are unknown.
  ctx.builder.add({
    id,
    after: [],
    resource,
    kind: "stopContainer",
    container: container.name,
    ...withPreStop(ctx.desired.services[container.service]),
  });
  ctx.builder.after(id, ...after);
  addStopOp(ctx, container.service, id);
  return id;
}

function addRemove(
  ctx: PlanContext,
  container: ObservedContainer,
  resource: string,
  after: (string | undefined)[],
  keepVolumes: boolean | undefined,
): string {
  const id = OperationIds.remove(container.name);
  ctx.builder.add({
    id,
    after: [],
    resource,
    kind: "removeContainer",
    container: container.name,
    ...(keepVolumes ? { keepVolumes } : {}),
  });
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
