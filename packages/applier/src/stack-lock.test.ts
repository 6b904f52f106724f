import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { CancelledError } from "./cancelled-error.js";
import type { HeldLock } from "./held-lock.js";
import { LockTimeoutError } from "./lock-timeout-error.js";
import { breakLock, withStackLock } from "./stack-lock.js";

const me = { holder: "me, pid 1, stack apply", host: "laptop" };
const other: HeldLock = {
  holder: "ci, pid 4121, stack apply",
  host: "runner-3",
  since: "2025-05-01T10:00:00.000Z",
};

function lockedEngine(): FakeEngine {
  const engine = new FakeEngine();
  engine.locks.set("app", other);
  return engine;
}

describe("withStackLock", () => {
  it("takes the lock, runs, releases, and returns what the function returned", async () => {
    const engine = new FakeEngine();
    const seen: string[] = [];
    const value = await withStackLock(engine, "app", me, { timeoutMs: 0 }, async () => {
      seen.push(engine.locks.get("app")?.holder ?? "unlocked");
      return 42;
    });
    expect(value).toBe(42);
    expect(seen).toEqual([me.holder]);
    expect(engine.log()).toEqual(["acquireLock app", "releaseLock app"]);
    expect(engine.locks.has("app")).toBe(false);
  });

  it("waits for another holder, saying so once, and runs when it lets go", async () => {
    const engine = lockedEngine();
    const clock = new FakeClock();
    clock.onSleep = () => {
      if (clock.sleeps.length === 3) engine.locks.delete("app");
    };
    const waiting: HeldLock[] = [];
    let ran = false;

    await withStackLock(
      engine,
      "app",
      me,
      { timeoutMs: 60_000, clock, onWaiting: (h) => waiting.push(h) },
      async () => {
        ran = true;
      },
    );

    expect(ran).toBe(true);
    expect(waiting).toEqual([other]);
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
    expect(engine.log()).toEqual([
      "acquireLock app",
      "acquireLock app",
      "acquireLock app",
      "acquireLock app",
      "releaseLock app",
    ]);
  });

  it("gives up at the deadline naming holder, host and since and how to break it, without releasing their lock", async () => {
    const engine = lockedEngine();
    const clock = new FakeClock();
    let ran = false;

    const error = await withStackLock(engine, "app", me, { timeoutMs: 2500, clock }, async () => {
      ran = true;
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toBe(
      "stack app is locked by ci, pid 4121, stack apply on runner-3 since 2025-05-01T10:00:00.000Z; gave up after waiting 2.5s. " +
        'If that apply is no longer running (a crash or a killed CI job), break the lock with "stack unlock --name app".',
    );
    expect(ran).toBe(false);
    expect(clock.sleeps).toEqual([1000, 1000, 500]);
    expect(engine.log()).not.toContain("releaseLock app");
    expect(engine.locks.get("app")).toEqual(other);
  });

  it("with a timeout of 0 fails at once", async () => {
    const engine = lockedEngine();
    const clock = new FakeClock();
    const error = await withStackLock(engine, "app", me, { timeoutMs: 0, clock }, async () => {}).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(
      /^stack app is locked by ci, pid 4121, stack apply on runner-3 since 2025-05-01T10:00:00.000Z \(pass --lock-timeout to wait for it\)\./,
    );
    expect(clock.sleeps).toEqual([]);
    expect(engine.log()).toEqual(["acquireLock app"]);
  });

  it("releases the lock when the function fails, and rethrows its error", async () => {
    const engine = new FakeEngine();
    await expect(
      withStackLock(engine, "app", me, { timeoutMs: 0 }, async () => {
        throw new Error("apply failed");
      }),
    ).rejects.toThrow("apply failed");
    expect(engine.log()).toEqual(["acquireLock app", "releaseLock app"]);
    expect(engine.locks.has("app")).toBe(false);
  });

  it("keeps the function's error when the release fails too", async () => {
    const engine = new FakeEngine().fail("releaseLock app", "connection reset");
    await expect(
      withStackLock(engine, "app", me, { timeoutMs: 0 }, async () => {
        throw new Error("apply failed");
      }),
    ).rejects.toThrow("apply failed");
  });

  it("says how to break the lock when releasing it fails after a success", async () => {
    const engine = new FakeEngine().fail("releaseLock app", "connection reset");
    await expect(withStackLock(engine, "app", me, { timeoutMs: 0 }, async () => {})).rejects.toThrow(
      'the apply finished but the lock on stack app could not be released (connection reset); break it with "stack unlock --name app"',
    );
  });

  it("stops waiting when the signal aborts, without running or releasing", async () => {
    const engine = lockedEngine();
    const controller = new AbortController();
    const clock = new FakeClock();
    clock.onSleep = () => controller.abort();
    let ran = false;

    const error = await withStackLock(
      engine,
      "app",
      me,
      { timeoutMs: 60_000, clock, signal: controller.signal },
      async () => {
        ran = true;
      },
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CancelledError);
    expect(ran).toBe(false);
    expect(engine.log()).toEqual(["acquireLock app"]);
  });

  it("breaks a lock the caller recognises as stale, once, and takes it", async () => {
    const engine = lockedEngine();
    const broken: HeldLock[] = [];
    await withStackLock(
      engine,
      "app",
      me,
      { timeoutMs: 0, isStale: (h) => h.host === "runner-3", onBroken: (h) => broken.push(h) },
      async () => {
        expect(engine.locks.get("app")?.holder).toBe(me.holder);
      },
    );
    expect(broken).toEqual([other]);
    expect(engine.log()).toEqual([
      "acquireLock app",
      "releaseLock app",
      "acquireLock app",
      "releaseLock app",
    ]);
  });

  it("never breaks a lock the caller does not call stale", async () => {
    const engine = lockedEngine();
    await expect(
      withStackLock(engine, "app", me, { timeoutMs: 0, isStale: () => false }, async () => {}),
    ).rejects.toThrow(LockTimeoutError);
    expect(engine.locks.get("app")).toEqual(other);
  });
});

describe("breakLock", () => {
  it("removes someone else's lock and says whose it was", async () => {
    const engine = lockedEngine();
    expect(await breakLock(engine, "app")).toEqual(other);
    expect(engine.locks.has("app")).toBe(false);
  });

  it("returns undefined for an unlocked stack and leaves no lock behind", async () => {
    const engine = new FakeEngine();
    expect(await breakLock(engine, "app")).toBeUndefined();
    expect(engine.locks.has("app")).toBe(false);
    expect(engine.log()).toEqual(["acquireLock app", "releaseLock app"]);
  });
});
