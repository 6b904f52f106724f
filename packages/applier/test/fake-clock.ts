import type { Clock } from "../src/clock.js";

/**
 * A clock that never sleeps for real: `sleep` moves time forward at once (unless the signal has
 * aborted) and yields a turn so other work proceeds.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  /** Called after each sleep: lets a test change the world "while" time passes. */
  onSleep?: (now: number) => void;

  constructor(public time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    await Promise.resolve();
    if (signal?.aborted) return;
    this.time += ms;
    this.onSleep?.(this.time);
  }
}
