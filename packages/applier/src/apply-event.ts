import type { Operation } from "@stackform/planner";

export type ApplyEventType = "started" | "succeeded" | "failed" | "skipped" | "cancelled";

/**
 * What the applier tells its caller, in the order it happens. Every operation gets exactly one
 * final event (`succeeded`, `failed`, `skipped` or `cancelled`); only operations that ran get
 * `started` first.
 */
export interface ApplyEvent {
  type: ApplyEventType;
  operation: Operation;
  /** Clock time of the event. */
  at: number;
  /** For operations that ran: time from `started` to this event. */
  elapsedMs?: number;
  /** For `failed`. */
  error?: Error;
  /** For `skipped` and `cancelled`: why, e.g. `start:app-db-1 failed`. */
  reason?: string;
}
