import { type Engine, isConnectionLost } from "@stackform/engine";
import type { Operation, OperationKind } from "@stackform/planner";
import { runPostStart, runPreStop } from "./run-hooks.js";
import { type WaitSettings, waitForContainer } from "./wait-for-container.js";
import { sleepFor, waitForGate } from "./wait-for-gate.js";

/** What a handler may use: the engine, its wait settings, and a sink for pull/build output. */
export interface OperationContext {
  engine: Engine;
  wait: WaitSettings;
  progress: (line: string) => void;
}

type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;

export type OperationHandlers = {
  [K in OperationKind]: (op: OperationOf<K>, ctx: OperationContext) => Promise<void>;
};

/**
 * One small function per operation kind, each a single engine call with the operation's own
 * fields. No decisions: whether to pull, in which order, and why were settled by the planner.
 * The mapped type makes a new operation kind a compile error here until it is handled.
 */
export const operationHandlers: OperationHandlers = {
  pullImage: (op, { engine, progress }) =>
    engine.pullImage(op.image, progress, {
      ...(op.platform === undefined ? {} : { platform: op.platform, services: op.services ?? [] }),
      ...(op.policy === "refresh" ? { recordPullTime: true } : {}),
    }),
  buildImage: (op, { engine, progress }) => engine.buildImage(op.image, op.build, progress),
  createNetwork: (op, { engine }) => engine.createNetwork(op.network),
  removeNetwork: (op, { engine }) => engine.removeNetwork(op.network),
  connectNetwork: (op, { engine }) =>
    engine.connectNetwork(op.container, op.network, {
      aliases: op.aliases,
      ...(op.ipv4Address === undefined ? {} : { ipv4Address: op.ipv4Address }),
      ...(op.ipv6Address === undefined ? {} : { ipv6Address: op.ipv6Address }),
      ...(op.linkLocalIps === undefined ? {} : { linkLocalIps: op.linkLocalIps }),
      ...(op.driverOpts === undefined ? {} : { driverOpts: op.driverOpts }),
    }),
  disconnectNetwork: (op, { engine }) => engine.disconnectNetwork(op.container, op.network),
  createVolume: (op, { engine }) => engine.createVolume(op.volume),
  removeVolume: (op, { engine }) => engine.removeVolume(op.volume),
  createContainer: async (op, { engine }) => {
    await engine.createContainer(op.spec);
  },
  startContainer: async (op, { engine, progress }) => {
    await (op.restoreOnFailure === undefined
      ? engine.startContainer(op.container)
      : startOrRestore(engine, op.container, op.restoreOnFailure));
    if (op.postStart) await runPostStart(engine, op.container, op.postStart, progress);
  },
  stopContainer: async (op, { engine, progress }) => {
    // With the engine gone, neither hook nor stop can run: that failure is the operation's.
    if (op.preStop) await runPreStop(engine, op.container, op.preStop, progress, isConnectionLost);
    await engine.stopContainer(op.container, op.timeoutSeconds);
  },
  removeContainer: (op, { engine }) =>
    op.keepVolumes
      ? engine.removeContainer(op.container, { keepVolumes: true })
      : engine.removeContainer(op.container),
  renameContainer: (op, { engine }) => engine.renameContainer(op.container, op.newName),
  updateContainer: (op, { engine }) =>
    engine.updateContainer(op.container, {
      ...(op.restart === undefined ? {} : { restart: op.restart }),
      ...(op.resources === undefined ? {} : { resources: op.resources }),
    }),
  wait: (op, { engine, wait }) => waitForContainer(engine, op, wait),
  gate: (op, { engine, wait }) => waitForGate(engine, op, wait),
  sleep: (op, { wait }) => sleepFor(op, wait),
};

/**
 * A replacement that cannot start is removed and the container it replaces started again; the
 * error still fails the operation, so its dependents are skipped and the apply exits 1.
 */
async function startOrRestore(engine: Engine, replacement: string, original: string): Promise<void> {
  try {
    await engine.startContainer(replacement);
  } catch (error) {
    // With the engine gone there is nothing to restore on; the next plan repairs both.
    if (isConnectionLost(error)) throw error;
    try {
      await engine.removeContainer(replacement);
      await engine.startContainer(original);
    } catch {
      // The original stays stopped; the next plan sees it and the leftover, and repairs both.
      throw error;
    }
    if (error instanceof Error) error.message += `; ${original} was started again and keeps serving`;
    throw error;
  }
}

/** Runs one operation through its handler. */
export function runOperation(op: Operation, ctx: OperationContext): Promise<void> {
  // TypeScript cannot correlate `op.kind` with `op` across the union; the mapped type above
  // already guarantees each handler receives its own variant.
  const handler = operationHandlers[op.kind] as (op: Operation, ctx: OperationContext) => Promise<void>;
  return handler(op, ctx);
}
