import { EngineError } from "@stackform/engine";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { op, planOf } from "../test/operations.js";
import { apply, CONNECTION_LOST_MESSAGE, CONNECTION_LOST_REASON } from "./apply.js";
import type { ApplyEvent } from "./apply-event.js";
import { withStackLock } from "./stack-lock.js";

const lost = (what: string) =>
  new EngineError(
    "connection-lost",
    `cannot ${what}: the connection to the engine at fake://engine was lost (ECONNRESET)`,
    "run it again",
    undefined,
    "read ECONNRESET",
  );

/** Ten services, each create → start; s0–s2 need nothing, the rest wait for the network. */
const tenServices = () =>
  planOf([
    op.network("app_default"),
    ...Array.from({ length: 10 }, (_, i) => [
      op.create(`app-s${i}-1`, i < 3 ? [] : ["network:app_default"]),
      op.start(`app-s${i}-1`, [`create:app-s${i}-1`]),
    ]).flat(),
  ]);

describe("apply when the engine goes away", () => {
  it("starts nothing after the first lost connection and reports the in-flight work once, as lost", async () => {
    const engine = new FakeEngine();
    const network = engine.hold("createNetwork app_default");
    const first = engine.hold("createContainer app-s0-1");
    const second = engine.hold("createContainer app-s1-1");
    const third = engine.hold("createContainer app-s2-1");
    const events: ApplyEvent[] = [];
    const running = apply(tenServices(), engine, {
      concurrency: 4,
      clock: new FakeClock(),
      onEvent: (e) => events.push(e),
    });
    await Promise.all([network.reached, first.reached, second.reached, third.reached]);
    const callsBefore = engine.calls.length;

    first.fail(lost("create container app-s0-1"));
    // What a dying daemon says to a request already in its hands is not "connection lost".
    second.fail(
      new EngineError(
        "engine",
        "cannot create container app-s1-1: failed to update store for object type *libnetwork.endpoint",
      ),
    );
    third.release();
    network.release();
    const result = await running;

    expect(engine.calls.length).toBe(callsBefore);
    expect(result.succeeded).toBe(false);
    expect(result.connectionLost?.message).toContain("was lost (ECONNRESET)");
    const byStatus = (status: string) =>
      result.outcomes.filter((o) => o.status === status).map((o) => o.operation.id);
    expect(byStatus("failed")).toEqual(["create:app-s0-1", "create:app-s1-1"]);
    expect(byStatus("succeeded")).toEqual(["network:app_default", "create:app-s2-1"]);
    expect(byStatus("cancelled")).toHaveLength(17);
    for (const o of result.outcomes.filter((o) => o.status === "failed")) {
      expect(o.error?.message).toBe(CONNECTION_LOST_MESSAGE);
      expect(o.error?.cause).toBeInstanceOf(EngineError);
    }
    for (const o of result.outcomes.filter((o) => o.status === "cancelled"))
      expect(o.reason).toBe(CONNECTION_LOST_REASON);
    // One final event per operation, and none started after the loss.
    expect(events.filter((e) => e.type !== "started")).toHaveLength(21);
    expect(events.filter((e) => e.type === "started")).toHaveLength(4);
  });

  it("treats an engine that stopped answering mid-apply (unreachable) the same way", async () => {
    const engine = new FakeEngine().fail(
      "startContainer app-s0-1",
      new EngineError(
        "unreachable",
        "cannot connect to the Docker engine at fake://engine: connection refused",
      ),
    );
    const plan = planOf([
      op.create("app-s0-1"),
      op.start("app-s0-1", ["create:app-s0-1"]),
      op.create("app-s1-1", ["start:app-s0-1"]),
    ]);
    const result = await apply(plan, engine, { concurrency: 1, clock: new FakeClock() });
    expect(result.connectionLost).toBeDefined();
    expect(engine.log()).toEqual(["createContainer app-s0-1", "startContainer app-s0-1"]);
    expect(result.outcomes.map((o) => o.status)).toEqual(["succeeded", "failed", "cancelled"]);
  });

  it("keeps the ordinary account for ordinary failures", async () => {
    const engine = new FakeEngine().fail(
      "createContainer app-s0-1",
      new EngineError("conflict", "name taken"),
    );
    const result = await apply(tenServices(), engine, { concurrency: 2, clock: new FakeClock() });
    expect(result.connectionLost).toBeUndefined();
    expect(result.outcomes.filter((o) => o.status === "succeeded")).toHaveLength(19);
  });

  it("does not try to restore the original on an engine that is gone", async () => {
    const engine = new FakeEngine().fail(
      "startContainer app-web-1--stackform-new",
      lost("start container app-web-1--stackform-new"),
    );
    const plan = planOf([
      {
        ...op.start("app-web-1--stackform-new"),
        kind: "startContainer",
        container: "app-web-1--stackform-new",
        restoreOnFailure: "app-web-1",
      },
    ]);
    const result = await apply(plan, engine, { clock: new FakeClock() });
    expect(engine.log()).toEqual(["startContainer app-web-1--stackform-new"]);
    expect(result.connectionLost).toBeDefined();
  });
});

describe("the stack lock when the engine goes away", () => {
  const me = { holder: "me, pid 1, stack apply", host: "laptop" };

  it("keeps trying to release it while the engine restarts, and releases it when it is back", async () => {
    const engine = new FakeEngine();
    const clock = new FakeClock();
    const realRelease = engine.releaseLock.bind(engine);
    let down = 3;
    engine.releaseLock = async (stack) => {
      if (down-- > 0) throw lost("remove stackform-lock-app");
      return realRelease(stack);
    };
    await expect(
      withStackLock(engine, "app", me, { timeoutMs: 0, clock }, async () => {
        throw new Error("the apply failed");
      }),
    ).rejects.toThrow("the apply failed");
    expect(engine.locks.has("app")).toBe(false);
    expect(clock.sleeps).toEqual([500, 500, 500]);
  });

  it("gives up after releaseRetryMs and leaves the apply's own error to be seen", async () => {
    const engine = new FakeEngine();
    const clock = new FakeClock();
    engine.releaseLock = async () => {
      throw lost("remove stackform-lock-app");
    };
    await expect(
      withStackLock(engine, "app", me, { timeoutMs: 0, clock, releaseRetryMs: 2000 }, async () => {
        throw new Error("the apply failed");
      }),
    ).rejects.toThrow("the apply failed");
    expect(clock.sleeps).toEqual([500, 500, 500, 500]);
    // Left behind, the lock names a holder whose process is gone: the next run breaks it as stale.
    expect(engine.locks.get("app")?.holder).toBe(me.holder);
  });

  it("does not retry a release the engine refused for another reason", async () => {
    const engine = new FakeEngine().fail("releaseLock app", new EngineError("engine", "boom"));
    const clock = new FakeClock();
    await expect(withStackLock(engine, "app", me, { timeoutMs: 0, clock }, async () => 1)).rejects.toThrow(
      /could not be released/,
    );
    expect(clock.sleeps).toEqual([]);
  });
});
