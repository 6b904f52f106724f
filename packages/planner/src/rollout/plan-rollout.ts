import { type ContainerSpec, Labels, type ObservedContainer } from "@stackform/schema/contract";
import type {
  ConnectNetwork,
  DisconnectNetwork,
  Gate,
  Operation,
  RemoveContainer,
  RenameContainer,
  RolloutFailure,
  Sleep,
  StartContainer,
  StopContainer,
} from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import {
  addCreate,
  addStart,
  addStopAndRemove,
  isRunning,
  referencedContainers,
} from "../reconcile/container-ops.js";
import { withPostStart, withPreStop } from "../reconcile/hook-runs.js";
import { addStopOp, type PlanContext } from "../reconcile/plan-context.js";
import type { Slot } from "../reconcile/slot.js";
import { type EndpointSettings, endpointSettings } from "../spec/endpoint-options.js";
import { temporaryName } from "../spec/names.js";
import { asideName } from "./aside-name.js";
import { describeStrategy, type RolloutStrategy, rolloutStrategy } from "./rollout-strategy.js";

/** One replaced replica: the operations the rollout orders between batches and undoes on failure. */
interface ReplicaRollout {
  slot: Slot;
  old: ObservedContainer;
  /** The old container was running: it is drained, stopped, and started again by a rollback. */
  oldRunning: boolean;
  temporary: string;
  aside: string;
  /** Networks the old container leaves before its stop (engine names, with its endpoint). */
  drained: Endpoint[];
  /** Networks the new container joins (engine names). */
  newNetworks: string[];
  create: string;
  start: string;
  gate: string;
  /** The first operations of the swap (drain or stop or rename): they wait for the whole batch's gates. */
  swapHeads: string[];
  renameNew: string;
  /** Stop-first: the old container's stop, a stop of the service that dependents stop before. */
  serviceStop?: string;
}

type Endpoint = Pick<ConnectNetwork, "network" | "aliases" | keyof EndpointSettings>;

interface ServiceRollout {
  strategy: RolloutStrategy;
  replicas: ReplicaRollout[];
}

const rollouts = new WeakMap<PlanContext, Map<string, ServiceRollout>>();

function rolloutOf(ctx: PlanContext, slot: Slot): ServiceRollout {
  let byService = rollouts.get(ctx);
  if (!byService) {
    byService = new Map();
    rollouts.set(ctx, byService);
  }
  let rollout = byService.get(slot.service.name);
  if (!rollout) {
    rollout = { strategy: rolloutStrategy(slot.service), replicas: [] };
    byService.set(slot.service.name, rollout);
  }
  return rollout;
}

/**
 * Replaces `old` with the slot's spec as one replica of the service's rolling update; the batches
 * are ordered, and the failure handling attached, by `finishRollout` once every replica is known.
 *
 * Start-first: create the new container under a temporary name → start it → gate (healthy, or
 * running for `monitor`) → drain the old one (off the stack's networks, so the engine's DNS stops
 * returning it, then the drain period) → stop it (its own stop signal and grace period) → rename
 * it aside → rename the new one to the final name. The old containers are removed only when the
 * whole rollout has passed: until then a rollback is a rename and a start.
 * Stop-first: create → (drain) → stop old → start new → gate → rename old aside → rename new.
 *
 * When the new spec joins a network that is itself being recreated, or the network namespace of
 * a container that is, no overlap is possible: stop → remove → create → start. The same goes for
 * an old container that never ran.
 * Named volumes survive either way; an anonymous volume is carried over by name.
 */
export function planReplace(ctx: PlanContext, slot: Slot, old: ObservedContainer, after: string[]): void {
  const spec = withCarriedVolumes(ctx, slot.spec, old);
  ctx.newContainers.add(slot.name);
  const joinsRecreated = spec.networks.find((n) => ctx.networkStatus.get(n.network) === "replace");
  // A namespace to join or volumes to copy (network_mode, pid, ipc, volumes_from).
  const namespace = referencedContainers(spec).find((name) => ctx.newContainers.has(name));
  // A container that never ran serves nothing to overlap with, and an engine restarted between
  // its create and start can refuse to rename it ("sandbox … not found").
  const neverRan = old.state === "created" || old.state === "dead";
  if (joinsRecreated || namespace !== undefined || neverRan) {
    // Its anonymous volumes are carried over by name: removing it must not take them along.
    const removed = addStopAndRemove(ctx, old, slot.resource, after, { keepVolumes: spec !== slot.spec });
    const create = addCreate(ctx, slot, spec, [removed]);
    addStart(ctx, slot, [create]);
    // The namespace case already says why in its cause; a network's does not. "update" keeps the
    // replace reason first.
    if (joinsRecreated)
      ctx.builder.note(
        slot.resource,
        "update",
        `stop-first: network ${joinsRecreated.network} is recreated, so the new container can join it only once the old one is gone`,
      );
    return;
  }

  const rollout = rolloutOf(ctx, slot);
  const { strategy } = rollout;
  const { builder } = ctx;
  const temporary = temporaryName(slot.name);
  const aside = asideName(slot.name);
  const oldRunning = isRunning(old);
  const create = addCreate(
    ctx,
    slot,
    { ...spec, name: temporary, labels: { ...spec.labels, [Labels.replaces]: old.id } },
    after,
  );
  const start = OperationIds.start(temporary);
  builder.add<StartContainer>({
    id: start,
    after: [],
    resource: slot.resource,
    kind: "startContainer",
    container: temporary,
    ...withPostStart(slot.service),
  });
  const gate = OperationIds.gate(temporary);
  builder.add<Gate>({
    id: gate,
    after: [start],
    resource: slot.resource,
    kind: "gate",
    container: temporary,
    service: slot.service.name,
    monitorMs: strategy.monitorMs,
    rolloutFailure: emptyFailure(slot.service.name, strategy),
  });
  ctx.startOps.set(slot.name, start);

  // A service that publishes ports loses them with its network: stop-first then stops it as is.
  // `drain: 0s` asks for no draining at all: the old container is not taken off its networks
  // either (a disconnect cut short by a crash can leave dockerd 20.10 a stale endpoint).
  const drain =
    oldRunning &&
    strategy.drainMs > 0 &&
    (strategy.order === "start-first" || slot.service.ports.length === 0);
  const drained: Endpoint[] = drain
    ? Object.entries(old.networks)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([network, endpoint]) => ({
          network,
          aliases: [...endpoint.aliases],
          ...endpointSettings(endpoint),
        }))
    : [];
  const drainHeads: string[] = [];
  let drainTail: string | undefined;
  for (const connection of drained) {
    const id = OperationIds.disconnect(old.name, connection.network);
    if (!builder.has(id)) {
      builder.add<DisconnectNetwork>({
        id,
        after: [],
        resource: slot.resource,
        kind: "disconnectNetwork",
        container: old.name,
        network: connection.network,
      });
    }
    drainHeads.push(id);
  }
  if (drain && strategy.drainMs > 0) {
    drainTail = OperationIds.drain(old.name);
    builder.add<Sleep>({
      id: drainTail,
      after: [],
      resource: slot.resource,
      kind: "sleep",
      ms: strategy.drainMs,
      reason: `drain ${old.name}`,
    });
    builder.after(drainTail, ...drainHeads);
    if (drainHeads.length === 0) drainHeads.push(drainTail);
  }
  const stop = oldRunning ? OperationIds.stop(old.name) : undefined;
  if (stop) {
    builder.add<StopContainer>({
      id: stop,
      after: [],
      resource: slot.resource,
      kind: "stopContainer",
      container: old.name,
      ...withPreStop(slot.service),
    });
    builder.after(stop, ...(drainTail ? [drainTail] : drainHeads));
  }
  const renameOld = OperationIds.rename(old.name);
  builder.add<RenameContainer>({
    id: renameOld,
    after: [],
    resource: slot.resource,
    kind: "renameContainer",
    container: old.name,
    newName: aside,
  });
  const renameNew = OperationIds.rename(temporary);
  builder.add<RenameContainer>({
    id: renameNew,
    after: [renameOld],
    resource: slot.resource,
    kind: "renameContainer",
    container: temporary,
    newName: slot.name,
  });

  let swapHeads: string[];
  if (strategy.order === "start-first") {
    builder.after(start, create);
    builder.after(renameOld, stop ?? gate);
    swapHeads = drainHeads.length > 0 ? drainHeads : stop ? [stop] : [renameOld];
  } else {
    for (const head of drainHeads) builder.after(head, create);
    if (stop && drainHeads.length === 0) builder.after(stop, create);
    builder.after(start, stop ?? create);
    builder.after(renameOld, gate);
    swapHeads = [renameOld];
  }
  // Dependents and waits look for the final name: they follow the rename.
  ctx.readyOps.set(slot.name, renameNew);
  rollout.replicas.push({
    slot,
    old,
    oldRunning,
    temporary,
    aside,
    drained,
    newNetworks: spec.networks.map((n) => n.network),
    create,
    start,
    gate,
    swapHeads,
    renameNew,
    ...(stop && strategy.order === "stop-first" ? { serviceStop: stop } : {}),
  });
}

const emptyFailure = (service: string, strategy: RolloutStrategy): RolloutFailure => ({
  rollout: `service ${service}`,
  action: strategy.failureAction,
  tolerated: 0,
  undoBatch: [],
  undoDone: [],
  rollback: { parallelism: strategy.rollback.parallelism, delayMs: strategy.rollback.delayMs },
  restores: [],
});

/**
 * Orders a service's replaced replicas into batches of `parallelism` (the next batch starts once
 * the previous one has passed its gates and swapped, after `delay`), removes the old containers
 * once the last batch is done, attaches to each start and gate what its failure undoes, and notes
 * the strategy on the service's change.
 */
export function finishRollout(ctx: PlanContext, service: string): void {
  const rollout = rollouts.get(ctx)?.get(service);
  if (!rollout || rollout.replicas.length === 0) return;
  rollouts.get(ctx)?.delete(service);
  const { strategy, replicas } = rollout;
  const { builder } = ctx;
  const size = strategy.parallelism === 0 ? replicas.length : strategy.parallelism;
  const batches: ReplicaRollout[][] = [];
  for (let i = 0; i < replicas.length; i += size) batches.push(replicas.slice(i, i + size));
  const resource = replicas[0]!.slot.resource;
  const tolerated = Math.floor(strategy.maxFailureRatio * replicas.length);

  let previousDone: string[] = [];
  batches.forEach((batch, index) => {
    if (index > 0 && strategy.delayMs > 0 && previousDone.length > 0) {
      const delay = OperationIds.delay(service, index + 1);
      builder.add<Sleep>({
        id: delay,
        after: [],
        resource,
        kind: "sleep",
        ms: strategy.delayMs,
        reason: `delay before batch ${index + 1} of service ${service}`,
      });
      builder.after(delay, ...previousDone);
      previousDone = [delay];
    }
    const gates = batch.map((r) => r.gate);
    for (const replica of batch) {
      builder.after(replica.create, ...previousDone);
      for (const head of replica.swapHeads) builder.after(head, ...gates);
    }
    const undoDone = batches
      .slice(0, index)
      .flat()
      .reverse()
      .map((r) => undoFinished(r, strategy));
    const failure: RolloutFailure = {
      rollout: `service ${service}`,
      action: strategy.failureAction,
      tolerated,
      undoBatch: batch.flatMap((r) => undoUnfinished(r, strategy)),
      undoDone,
      rollback: { parallelism: strategy.rollback.parallelism, delayMs: strategy.rollback.delayMs },
      restores: batches
        .slice(0, index)
        .flat()
        .map((r) => r.slot.name),
    };
    for (const replica of batch) {
      (builder.get(replica.start) as StartContainer).rolloutFailure = failure;
      (builder.get(replica.gate) as Gate).rolloutFailure = failure;
    }
    previousDone = batch.map((r) => r.renameNew);
  });
  // Stop-first, the first batch's stops are stops of the service: its dependents stop before
  // them, as in any stop-first replace. Later batches cannot be: they wait for the first batch,
  // which waits for the dependents' starts after it, and the order would be a cycle.
  for (const replica of batches[0] ?? [])
    if (replica.serviceStop) addStopOp(ctx, service, replica.serviceStop);

  for (const replica of replicas) {
    const remove = OperationIds.remove(replica.aside);
    builder.add<RemoveContainer>({
      id: remove,
      after: [],
      resource,
      kind: "removeContainer",
      container: replica.aside,
    });
    builder.after(remove, ...previousDone);
    ctx.removeOps.set(replica.old.name, remove);
  }
  builder.note(resource, "replace", describeStrategy(strategy, replicas.length));
}

/**
 * Steps that give a replica of the failing batch back to its old container: the new one leaves,
 * and (stop-first) the old one comes back on its networks and starts again.
 */
function undoUnfinished(r: ReplicaRollout, strategy: RolloutStrategy): Operation[] {
  const steps: Operation[] = [...removeNew(r, r.temporary, strategy)];
  if (strategy.order === "stop-first") {
    steps.push(...reconnect(r, r.old.name));
    if (r.oldRunning) steps.push(step<StartContainer>(r, { kind: "startContainer", container: r.old.name }));
  }
  return steps;
}

/**
 * Steps that put a finished replica back: the new container gives up the final name, the old one
 * takes it again, rejoins its networks and starts; once it is up, the new one drains and goes.
 * A stop-first rollback (`rollback_config.order`, or a port or name only one can hold) takes the
 * new one away first.
 */
function undoFinished(r: ReplicaRollout, strategy: RolloutStrategy): Operation[] {
  const name = r.slot.name;
  const swap: Operation[] = [
    step<RenameContainer>(r, { kind: "renameContainer", container: name, newName: r.temporary }),
    step<RenameContainer>(r, { kind: "renameContainer", container: r.aside, newName: name }),
    ...reconnect(r, name),
  ];
  const restart: Operation[] = r.oldRunning
    ? [
        step<StartContainer>(r, { kind: "startContainer", container: name }),
        step<Gate>(r, { kind: "gate", container: name, service: r.slot.service.name, monitorMs: 0 }),
      ]
    : [];
  const goes = removeNew(r, r.temporary, strategy);
  return strategy.rollback.order === "stop-first"
    ? [swap[0]!, ...goes, ...swap.slice(1), ...restart]
    : [...swap, ...restart, ...goes];
}

/** The old container rejoins the networks it was drained from, with its aliases. */
const reconnect = (r: ReplicaRollout, container: string): ConnectNetwork[] =>
  r.drained.map((endpoint) => step<ConnectNetwork>(r, { kind: "connectNetwork", container, ...endpoint }));

/** The new container leaves the networks, drains, stops and is removed. */
function removeNew(r: ReplicaRollout, container: string, strategy: RolloutStrategy): Operation[] {
  const steps: Operation[] = r.newNetworks.map((network) =>
    step<DisconnectNetwork>(r, { kind: "disconnectNetwork", container, network }),
  );
  if (steps.length > 0 && strategy.drainMs > 0)
    steps.push(step<Sleep>(r, { kind: "sleep", ms: strategy.drainMs, reason: `drain ${container}` }));
  steps.push(
    step<StopContainer>(r, { kind: "stopContainer", container }),
    step<RemoveContainer>(r, { kind: "removeContainer", container }),
  );
  return steps;
}

type StepFields<O extends Operation> = Omit<O, "id" | "after" | "resource">;

/** An undo step: an ordinary operation outside the graph, named after what it does. */
function step<O extends Operation>(r: ReplicaRollout, fields: StepFields<O>): O {
  const target = "container" in fields ? String(fields.container) : r.slot.name;
  const detail =
    "network" in fields
      ? `:${String(fields.network)}`
      : "newName" in fields
        ? `:${String(fields.newName)}`
        : "";
  return {
    id: `undo:${fields.kind}:${target}${detail}`,
    after: [],
    resource: r.slot.resource,
    ...fields,
  } as unknown as O;
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
