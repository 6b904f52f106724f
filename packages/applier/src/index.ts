export { apply, CONNECTION_LOST_MESSAGE, CONNECTION_LOST_REASON, INTERRUPTED_REASON } from "./apply.js";
export type { ApplyEvent, ApplyEventType } from "./apply-event.js";
export type { ApplyOptions } from "./apply-options.js";
export type { ApplyResult, Outcome, OutcomeStatus } from "./apply-result.js";
export { CancelledError } from "./cancelled-error.js";
export { type Clock, systemClock } from "./clock.js";
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_DESTROY_CONCURRENCY,
  DEFAULT_LOCK_POLL_INTERVAL_MS,
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
} from "./defaults.js";
export { formatDuration } from "./format-duration.js";
export type { HeldLock } from "./held-lock.js";
export { LockTimeoutError } from "./lock-timeout-error.js";
export { runPostStart, runPreStop } from "./run-hooks.js";
export { breakLock, type StackLockOptions, withStackLock } from "./stack-lock.js";
export {
  type ApplySummary,
  type ResourceCounts,
  type ResourceOutcome,
  type SummaryEntry,
  summarise,
} from "./summarise.js";
export { WaitError } from "./wait-error.js";
