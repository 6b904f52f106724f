import { StackformError } from "@stackform/schema/contract";
import { formatDuration } from "./format-duration.js";
import type { HeldLock } from "./held-lock.js";

/** Another apply holds the stack's lock and did not let go in time. */
export class LockTimeoutError extends StackformError {
  override readonly name = "LockTimeoutError";
  constructor(
    readonly stackName: string,
    readonly held: HeldLock,
    readonly timeoutMs: number,
  ) {
    const waited =
      timeoutMs > 0
        ? `; gave up after waiting ${formatDuration(timeoutMs)}`
        : " (pass --lock-timeout to wait for it)";
    super(
      `stack ${stackName} is locked by ${held.holder} on ${held.host} since ${held.since}${waited}. ` +
        `If that apply is no longer running (a crash or a killed CI job), break the lock with "stack unlock --name ${stackName}".`,
    );
  }
}
