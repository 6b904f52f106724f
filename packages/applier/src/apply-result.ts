import type { Operation } from "@stackform/planner";

/**
 * `cancelled`: never started because the apply was interrupted, or a wait cut short by it.
 * `skipped`: never started because something it depends on failed.
 */
export type OutcomeStatus = "succeeded" | "failed" | "skipped" | "cancelled";

export interface Outcome {
  operation: Operation;
  status: OutcomeStatus;
  error?: Error;
  reason?: string;
  /** 0 for operations that never started. */
  elapsedMs: number;
}

export interface ApplyResult {
  /** One per operation, in plan order. */
  outcomes: Outcome[];
  /** Every operation succeeded (an empty plan succeeds). */
  succeeded: boolean;
  /** The signal aborted during the apply. */
  interrupted: boolean;
  /** The engine went away mid-apply: the first error that said so. Nothing started after it. */
  connectionLost?: Error;
  elapsedMs: number;
}
