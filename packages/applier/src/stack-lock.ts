import { type Engine, isConnectionLost, type LockHolder } from "@stackform/engine";
import { CancelledError } from "./cancelled-error.js";
import { type Clock, systemClock } from "./clock.js";
import { DEFAULT_LOCK_POLL_INTERVAL_MS, DEFAULT_RELEASE_RETRY_MS } from "./defaults.js";
import type { HeldLock } from "./held-lock.js";
import { LockTimeoutError } from "./lock-timeout-error.js";

export interface StackLockOptions {
  /** How long to wait for another holder to let go; 0 fails at once. */
  timeoutMs: number;
  /** How often to try again while waiting. Default 1 s. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
  /** Called once per holder we start waiting for, so the user knows why nothing happens. */
  onWaiting?: (held: HeldLock) => void;
  /**
   * Lets the caller recognise a lock whose holder is certainly gone (same host, dead pid) so a
   * re-run after a crash converges without `stack unlock`. Such a lock is broken and
   * `onBroken` told. Breaking is not atomic on the engine: keep this to certain cases.
   */
  isStale?: (held: HeldLock) => boolean;
  onBroken?: (held: HeldLock) => void;
  /**
   * When the engine went away, how long to keep trying to release the lock in case it comes
   * back (a daemon restart takes seconds). Default 10 s. After that the lock stays behind; the
   * next run on this host breaks it as stale, as its holder's process is gone by then.
   */
  releaseRetryMs?: number;
}

/**
 * Runs `fn` holding the stack's lock on the engine, so two applies (two CI runners, two
 * terminals) never interleave their operations. The lock is released whatever `fn` does: it
 * returns, throws, or the apply inside it was cancelled.
 */
export async function withStackLock<T>(
  engine: Engine,
  stack: string,
  holder: LockHolder,
  options: StackLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  await acquire(engine, stack, holder, options);
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    // The first error is the one the user must see; a failed release after it is reported by
    // the next apply, which names this holder and says how to break the lock.
    await release(engine, stack, options).catch(() => {});
    throw error;
  }
  try {
    await release(engine, stack, options);
  } catch (error) {
    throw new Error(
      `the apply finished but the lock on stack ${stack} could not be released (${error instanceof Error ? error.message : String(error)}); ` +
        `break it with "stack unlock --name ${stack}"`,
      { cause: error },
    );
  }
  return result;
}

/** Releases the lock, waiting a little for an engine that went away to come back. */
async function release(engine: Engine, stack: string, options: StackLockOptions): Promise<void> {
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + (options.releaseRetryMs ?? DEFAULT_RELEASE_RETRY_MS);
  const pollIntervalMs = Math.min(options.pollIntervalMs ?? DEFAULT_LOCK_POLL_INTERVAL_MS, 500);
  for (;;) {
    try {
      await engine.releaseLock(stack);
      return;
    } catch (error) {
      if (!isConnectionLost(error) || clock.now() >= deadline) throw error;
    }
    // Not tied to the signal: the apply is over, and a second Ctrl-C exits anyway.
    await clock.sleep(pollIntervalMs);
  }
}

async function acquire(
  engine: Engine,
  stack: string,
  holder: LockHolder,
  options: StackLockOptions,
): Promise<void> {
  const clock = options.clock ?? systemClock;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_LOCK_POLL_INTERVAL_MS;
  const deadline = clock.now() + options.timeoutMs;
  const announced = new Set<string>();
  const broken = new Set<string>();
  for (;;) {
    const result = await engine.acquireLock(stack, holder);
    if (result.acquired) return;
    const held: HeldLock = { holder: result.holder, host: result.host, since: result.since };
    const key = `${held.holder}\n${held.host}\n${held.since}`;
    // Each stale lock is broken at most once: if it comes back, someone else took it.
    if (!broken.has(key) && options.isStale?.(held)) {
      broken.add(key);
      await engine.releaseLock(stack);
      options.onBroken?.(held);
      continue;
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) throw new LockTimeoutError(stack, held, options.timeoutMs);
    if (!announced.has(key)) {
      announced.add(key);
      options.onWaiting?.(held);
    }
    await clock.sleep(Math.min(pollIntervalMs, remaining), options.signal);
    if (options.signal?.aborted) throw new CancelledError(`stopped waiting for the lock on stack ${stack}`);
  }
}

/**
 * Breaks the stack's lock whoever holds it, for `stack unlock`; returns who held it, or
 * `undefined` when it was not locked. Only safe when the holder is gone.
 */
export async function breakLock(
  engine: Engine,
  stack: string,
  by: LockHolder = { holder: "stack unlock", host: "unknown" },
): Promise<HeldLock | undefined> {
  // The Engine has no "read the lock" call: trying to take it tells us the holder, and when it
  // was free we now hold it ourselves, which the release below undoes.
  const probe = await engine.acquireLock(stack, by);
  await engine.releaseLock(stack);
  return probe.acquired ? undefined : { holder: probe.holder, host: probe.host, since: probe.since };
}
