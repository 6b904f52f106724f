import type { Engine } from "@stackform/engine";
import type { Wait } from "@stackform/planner";
import { CancelledError } from "./cancelled-error.js";
import type { Clock } from "./clock.js";
import { formatDuration } from "./format-duration.js";
import { judgeStatus } from "./judge-status.js";
import { conditionPhrase, describeStatus, WaitError } from "./wait-error.js";

export interface WaitSettings {
  timeoutMs: number;
  pollIntervalMs: number;
  clock: Clock;
  signal?: AbortSignal;
}

/**
 * Polls the container until the wait's condition is met, can no longer be met, or the deadline
 * passes. A timeout of 0 asks once. An abort stops the polling (a wait changes nothing, so
 * stopping it midway is safe) with a `CancelledError`.
 */
export async function waitForContainer(engine: Engine, op: Wait, settings: WaitSettings): Promise<void> {
  const { clock, signal } = settings;
  const subject = `service ${op.service} did not ${conditionPhrase(op.until)}`;
  const deadline = clock.now() + settings.timeoutMs;
  for (;;) {
    const status = await engine.containerStatus(op.container);
    const verdict = judgeStatus(status, op.until);
    if (verdict === "met") return;
    if (verdict !== "pending") {
      throw new WaitError(
        `${subject}: ${verdict.failed} (${describeStatus(status)})`,
        op.service,
        op.until,
        status,
      );
    }
    if (signal?.aborted)
      throw new CancelledError(`stopped waiting for service ${op.service} to ${conditionPhrase(op.until)}`);
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      throw new WaitError(
        `${subject} within ${formatDuration(settings.timeoutMs)} (${describeStatus(status)})`,
        op.service,
        op.until,
        status,
      );
    }
    await clock.sleep(Math.min(settings.pollIntervalMs, remaining), signal);
    if (signal?.aborted)
      throw new CancelledError(`stopped waiting for service ${op.service} to ${conditionPhrase(op.until)}`);
  }
}
