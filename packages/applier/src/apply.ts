import { type Engine, isConnectionLost } from "@stackform/engine";
import type { Plan } from "@stackform/planner";
import { PGraph } from "p-graph";
import type { ApplyOptions } from "./apply-options.js";
import type { ApplyResult, Outcome } from "./apply-result.js";
import { CancelledError } from "./cancelled-error.js";
import { systemClock } from "./clock.js";
import { DEFAULT_CONCURRENCY, DEFAULT_POLL_INTERVAL_MS, DEFAULT_WAIT_TIMEOUT_MS } from "./defaults.js";
import { type OperationContext, runOperation } from "./operation-handlers.js";
import { OutcomeLedger } from "./outcome-ledger.js";
import { descendantsOf, planGraph } from "./plan-graph.js";
import { RolloutFailures, rolloutFailureOf } from "./rollout-failures.js";

export const INTERRUPTED_REASON = "the apply was interrupted before it started";
export const CONNECTION_LOST_REASON = "the engine connection was lost";
export const CONNECTION_LOST_MESSAGE = "the engine connection was lost";

/**
 * Executes the plan's operations, and only them, as a graph: an operation starts once every
 * operation in its `after` has succeeded, at most `concurrency` at a time. It never inspects
 * causes or reorders; every choice was the planner's.
 *
 * - A failed operation marks all its transitive dependents `skipped: <id> failed`; independent
 *   work carries on.
 * - When `signal` aborts, nothing new starts, engine calls in flight finish (stopping one midway
 *   could leave half-made objects), waits stop polling, and everything not started is
 *   `cancelled`.
 * - When the engine goes away (the first failure that `isConnectionLost`), nothing new starts
 *   either: every later call would fail the same way, each with its own raw line. The in-flight
 *   operations fail with one message, "the engine connection was lost" (the engine's words kept
 *   as the error's cause), the rest are `cancelled`, and the result carries `connectionLost`.
 *
 * Resolves with the account in every case above; rejects only on a malformed plan (a bug).
 */
export async function apply(plan: Plan, engine: Engine, options: ApplyOptions = {}): Promise<ApplyResult> {
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number of at least 1, not ${concurrency}`);
  }
  const { signal } = options;
  const startedAt = clock.now();
  const graph = planGraph(plan.operations);
  const scheduler = newScheduler(plan, graph.edges);
  const ledger = new OutcomeLedger(clock, options.onEvent);
  const wait = {
    timeoutMs: options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
    pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    clock,
    ...(signal ? { signal } : {}),
  };

  // Settling every not-yet-started operation at the moment of the abort gives the user the
  // account right away; p-graph may still hand them to `runNode`, which then does nothing.
  const cancelPending = () => {
    for (const op of plan.operations) {
      if (!ledger.isSettled(op.id) && !ledger.isRunning(op.id)) ledger.cancel(op, INTERRUPTED_REASON);
    }
  };

  let connectionLost: Error | undefined;
  const settleAfterLoss = () => {
    for (const op of plan.operations) {
      if (!ledger.isSettled(op.id) && !ledger.isRunning(op.id)) ledger.cancel(op, CONNECTION_LOST_REASON);
    }
  };

  const rollouts = new RolloutFailures((step) =>
    runOperation(step, { engine, wait, progress: (line) => options.onProgress?.(step.id, line) }),
  );

  const runNode = async (id: string): Promise<void> => {
    const op = graph.byId.get(id);
    if (!op || ledger.isSettled(id)) return;
    ledger.start(op);
    const ctx: OperationContext = { engine, wait, progress: (line) => options.onProgress?.(id, line) };
    try {
      await runOperation(op, ctx);
      ledger.succeed(op);
    } catch (thrown) {
      if (thrown instanceof CancelledError) {
        ledger.cancel(op, thrown.message);
        return;
      }
      // Once the engine is gone, whatever else fails in flight fails because of it, whatever
      // the engine managed to say while it went (a closing gRPC transport, a half-shut store).
      if (connectionLost || isConnectionLost(thrown)) {
        connectionLost ??= asError(thrown);
        ledger.fail(op, new Error(CONNECTION_LOST_MESSAGE, { cause: thrown }));
        settleAfterLoss();
        return;
      }
      const failure = rolloutFailureOf(op);
      if (failure) {
        // p-graph hands out no dependent before this returns: nothing later in the rollout starts
        // while the undo runs.
        const descendants = descendantsOf(graph, id);
        const error = asError(thrown);
        const verdict = await rollouts.handle(failure, error, ctx.progress);
        ledger.fail(op, verdict.error);
        if (verdict.carryOn) return;
        for (const dependent of descendants) {
          const dependentOp = graph.byId.get(dependent);
          if (dependentOp) ledger.skip(dependentOp, `${id} failed`);
        }
        return;
      }
      ledger.fail(op, asError(thrown));
      for (const dependent of descendantsOf(graph, id)) {
        const dependentOp = graph.byId.get(dependent);
        if (dependentOp) ledger.skip(dependentOp, `${id} failed`);
      }
    }
    // Never rethrown: the ledger is the record of failures, and p-graph's own skipping would
    // hide which nodes it skipped. Dependents it hands over later are already settled.
  };

  if (signal?.aborted) cancelPending();
  signal?.addEventListener("abort", cancelPending, { once: true });
  try {
    await scheduler.run({ run: runNode, concurrency, continue: true });
  } finally {
    signal?.removeEventListener("abort", cancelPending);
  }

  const outcomes = ledger.outcomesFor(plan.operations).map((outcome, index): Outcome => {
    if (outcome) return outcome;
    throw new Error(
      `operation ${plan.operations[index]?.id} never ran and was never skipped; this is a bug in Stackform`,
    );
  });
  return {
    outcomes,
    succeeded: outcomes.every((o) => o.status === "succeeded"),
    interrupted: signal?.aborted ?? false,
    ...(connectionLost ? { connectionLost } : {}),
    elapsedMs: clock.now() - startedAt,
  };
}

function newScheduler(plan: Plan, edges: [string, string][]): PGraph {
  // Priority 1 on every node makes p-graph's cumulative priority the length of the longest chain
  // below a node, so the critical path (pull → create → start → healthy → dependents) goes first.
  // A create counts -1: its own start then outranks it and the creates of containers alike, so a
  // created container starts at once, overlapping the engine's slow starts with the cheap creates
  // still to come, instead of every create first and every start after.
  const nodes = new Map(
    plan.operations.map((op) => [op.id, { priority: op.kind === "createContainer" ? -1 : 1 }]),
  );
  try {
    return new PGraph(nodes, edges);
  } catch (error) {
    // p-graph lists a cycle's nodes one per line; one line reads better in an error report.
    const detail = asError(error).message.replace(/:\n/, ": ").replaceAll("\n", ", ");
    throw new Error(`the plan's operations do not form a graph (${detail}); this is a bug in Stackform`);
  }
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
