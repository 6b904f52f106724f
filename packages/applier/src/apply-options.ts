import type { ApplyEvent } from "./apply-event.js";
import type { Clock } from "./clock.js";

export interface ApplyOptions {
  /** Operations in flight at once. Default 8. */
  concurrency?: number;
  /** Deadline of each wait operation. Default 120 s. */
  waitTimeoutMs?: number;
  /** How often a wait asks the engine. Default 250 ms. */
  pollIntervalMs?: number;
  /**
   * Ctrl-C: when it aborts, nothing new starts, engine calls in flight finish, waits stop polling,
   * and `apply` resolves with the account.
   */
  signal?: AbortSignal;
  onEvent?: (event: ApplyEvent) => void;
  /** Pull and build output, line by line, tagged with the operation's id. */
  onProgress?: (operationId: string, line: string) => void;
  clock?: Clock;
}
