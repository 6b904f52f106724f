import type { Operation, RolloutFailure } from "@stackform/planner";

/** What the apply does with a failed rollout operation once its `failure_action` has run. */
export interface RolloutVerdict {
  /** The failure as reported: the engine's or the gate's words, and what was done about it. */
  error: Error;
  /** `continue` (or a failure within `max_failure_ratio`): the operations after it still run. */
  carryOn: boolean;
}

/** The failure a rollout operation carries, when it is one. */
export const rolloutFailureOf = (op: Operation): RolloutFailure | undefined =>
  op.kind === "gate" || op.kind === "startContainer" ? op.rolloutFailure : undefined;

/**
 * Follows the `failure_action` the planner put on a rollout's operations, once per rollout: the
 * first failure beyond the tolerated ones decides. `rollback` runs the failing batch's undo steps
 * and then those of the finished batches, `pause` only the failing batch's, `continue` none.
 * Steps run one by one and best-effort: one that fails (a container already gone) does not keep
 * the others from putting the old containers back.
 */
export class RolloutFailures {
  readonly #failures = new Map<string, number>();
  readonly #settled = new Set<string>();

  constructor(private readonly run: (step: Operation) => Promise<void>) {}

  async handle(
    failure: RolloutFailure,
    error: Error,
    progress: (line: string) => void,
  ): Promise<RolloutVerdict> {
    const { rollout } = failure;
    if (this.#settled.has(rollout)) return { error, carryOn: false };
    const count = (this.#failures.get(rollout) ?? 0) + 1;
    this.#failures.set(rollout, count);
    if (failure.action === "continue" || count <= failure.tolerated) {
      const why =
        failure.action === "continue"
          ? "failure_action is continue"
          : `${count} of the ${failure.tolerated} failures max_failure_ratio allows`;
      error.message += `; the rolling update of ${rollout} goes on (${why})`;
      return { error, carryOn: true };
    }
    this.#settled.add(rollout);
    const failed: string[] = [];
    const runAll = async (steps: Operation[]) => {
      for (const step of steps) {
        progress(`undo: ${describeStep(step)}`);
        try {
          await this.run(step);
        } catch (stepError) {
          failed.push(
            `${describeStep(step)}: ${stepError instanceof Error ? stepError.message : String(stepError)}`,
          );
        }
      }
    };
    await runAll(failure.undoBatch);
    if (failure.action === "rollback") {
      // rollback_config: `parallelism` replicas at a time, each replica's steps in order.
      const { parallelism, delayMs } = failure.rollback;
      const size = parallelism === 0 ? failure.undoDone.length : parallelism;
      for (let i = 0; i < failure.undoDone.length; i += size) {
        if (i > 0 && delayMs > 0)
          await runAll([
            {
              id: `undo:delay:${i}`,
              after: [],
              resource: rollout,
              kind: "sleep",
              ms: delayMs,
              reason: "rollback_config.delay",
            },
          ]);
        await Promise.all(failure.undoDone.slice(i, i + size).map(runAll));
      }
    }
    if (failure.action === "rollback") {
      error.message +=
        failure.restores.length > 0
          ? `; rolled back: ${failure.restores.join(", ")} run the previous configuration again, and the old containers of the failing batch keep serving`
          : "; rolled back: the old containers keep serving";
    } else {
      error.message += `; the rolling update of ${rollout} is paused: the failing batch's old containers keep serving${
        failure.restores.length > 0 ? `, ${failure.restores.join(", ")} keep the new configuration` : ""
      }; apply again to go on`;
    }
    if (failed.length > 0)
      error.message += `; ${failed.length} undo step${failed.length === 1 ? "" : "s"} failed (${failed[0]}): apply again to repair`;
    return { error, carryOn: false };
  }
}

function describeStep(step: Operation): string {
  switch (step.kind) {
    case "renameContainer":
      return `rename ${step.container} to ${step.newName}`;
    case "connectNetwork":
    case "disconnectNetwork":
      return `${step.kind === "connectNetwork" ? "connect" : "disconnect"} ${step.container} ${step.kind === "connectNetwork" ? "to" : "from"} ${step.network}`;
    case "sleep":
      return step.reason;
    case "gate":
      return `wait for ${step.container} to be up`;
    case "startContainer":
      return `start ${step.container}`;
    case "stopContainer":
      return `stop ${step.container}`;
    case "removeContainer":
      return `remove ${step.container}`;
    default:
      return step.id;
  }
}
