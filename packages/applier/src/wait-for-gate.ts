import type { Engine } from "@stackform/engine";
import type { Gate, Sleep } from "@stackform/planner";
import { CancelledError } from "./cancelled-error.js";
import { formatDuration } from "./format-duration.js";
import { judgeStatus } from "./judge-status.js";
import { describeStatus, WaitError } from "./wait-error.js";
import type { WaitSettings } from "./wait-for-container.js";

/**
 * The gate of a rolling update: passes once the container is healthy when it has a healthcheck
 * (the service's or its image's: the engine reports health either way), or else once it has been
 * seen running for `monitorMs` without a break. Fails at once when it exits, restarts or turns
 * unhealthy, and at the deadline (the wait timeout, or longer when `monitorMs` is longer).
 */
export async function waitForGate(engine: Engine, op: Gate, settings: WaitSettings): Promise<void> {
  const { clock, signal } = settings;
  const deadline = clock.now() + Math.max(settings.timeoutMs, op.monitorMs + settings.pollIntervalMs);
  const cancelled = () =>
    new CancelledError(`stopped waiting for the new container of service ${op.service}`);
  let runningSince: number | undefined;
  for (;;) {
    const status = await engine.containerStatus(op.container);
    const healthcheck = status.health !== undefined;
    const until = healthcheck ? "healthy" : "running";
    const fail = (why: string) =>
      new WaitError(
        `the new container ${op.container} of service ${op.service} did not pass its gate: ${why} (${describeStatus(status)})`,
        op.service,
        until,
        status,
      );
    if (healthcheck) {
      const verdict = judgeStatus(status, "healthy");
      if (verdict === "met") return;
      if (verdict !== "pending") throw fail(verdict.failed);
    } else if (status.state !== "running") {
      throw fail(status.state === "restarting" ? "it is restarting" : "it stopped running");
    } else {
      runningSince ??= clock.now();
      if (clock.now() - runningSince >= op.monitorMs) return;
    }
    if (signal?.aborted) throw cancelled();
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      throw fail(
        healthcheck
          ? `not healthy within ${formatDuration(Math.max(settings.timeoutMs, op.monitorMs))}`
          : "it did not stay running long enough",
      );
    }
    const untilMonitored = runningSince === undefined ? Infinity : runningSince + op.monitorMs - clock.now();
    await clock.sleep(Math.max(0, Math.min(settings.pollIntervalMs, remaining, untilMonitored)), signal);
    if (signal?.aborted) throw cancelled();
  }
}

/** A drain period or a batch delay: the clock's sleep, cut short (as cancelled) by an abort. */
export async function sleepFor(op: Sleep, settings: WaitSettings): Promise<void> {
  await settings.clock.sleep(op.ms, settings.signal);
  if (settings.signal?.aborted) throw new CancelledError(`stopped during ${op.reason}`);
}
