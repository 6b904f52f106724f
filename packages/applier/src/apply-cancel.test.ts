import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { op, planOf } from "../test/operations.js";
import { apply, INTERRUPTED_REASON } from "./apply.js";
import type { ApplyEvent } from "./apply-event.js";

const account = (result: Awaited<ReturnType<typeof apply>>) =>
  result.outcomes.map((o) => `${o.operation.id}: ${o.status}${o.reason ? ` (${o.reason})` : ""}`);

describe("apply when the signal aborts (Ctrl-C)", () => {
  it("starts nothing new, lets the call in flight finish, and reports the rest as cancelled", async () => {
    const engine = new FakeEngine();
    const controller = new AbortController();
    const held = engine.hold("startContainer app-db-1");
    const plan = planOf([
      op.start("app-db-1"),
      op.start("app-web-1", ["start:app-db-1"]),
      op.start("app-worker-1", ["start:app-db-1"]),
    ]);
    const events: ApplyEvent[] = [];

    const running = apply(plan, engine, {
      concurrency: 1,
      signal: controller.signal,
      clock: new FakeClock(),
      onEvent: (e) => events.push(e),
    });
    await held.reached;
    controller.abort();
    // The account of what will not run is given at once, before the call in flight ends.
    expect(events.map((e) => `${e.type} ${e.operation.id}`)).toEqual([
      "started start:app-db-1",
      "cancelled start:app-web-1",
      "cancelled start:app-worker-1",
    ]);
    held.release();
    const result = await running;

    expect(engine.log()).toEqual(["startContainer app-db-1"]);
    expect(account(result)).toEqual([
      "start:app-db-1: succeeded",
      `start:app-web-1: cancelled (${INTERRUPTED_REASON})`,
      `start:app-worker-1: cancelled (${INTERRUPTED_REASON})`,
    ]);
    expect(result.interrupted).toBe(true);
    expect(result.succeeded).toBe(false);
  });

  it("cancels independent operations waiting for a concurrency slot too", async () => {
    const engine = new FakeEngine();
    const controller = new AbortController();
    const held = engine.hold("pullImage a");
    const plan = planOf([op.pull("a"), op.pull("b"), op.pull("c")]);

    const running = apply(plan, engine, {
      concurrency: 1,
      signal: controller.signal,
      clock: new FakeClock(),
    });
    await held.reached;
    controller.abort();
    held.release();
    const result = await running;

    expect(engine.log()).toEqual(["pullImage a"]);
    expect(result.outcomes.map((o) => o.status)).toEqual(["succeeded", "cancelled", "cancelled"]);
  });

  it("stops a wait's polling and counts the wait as cancelled", async () => {
    const engine = new FakeEngine().setStatuses("app-db-1", {
      state: "running",
      health: "starting",
      oomKilled: false,
    });
    const controller = new AbortController();
    const clock = new FakeClock();
    let sleeps = 0;
    clock.onSleep = () => {
      if (++sleeps === 2) controller.abort();
    };
    const plan = planOf([op.wait("app-db-1", "db", "healthy"), op.start("app-web-1", ["wait:app-db-1"])]);

    const result = await apply(plan, engine, { signal: controller.signal, clock });

    expect(engine.log({ polls: true })).toEqual(["containerStatus app-db-1", "containerStatus app-db-1"]);
    expect(account(result)).toEqual([
      "wait:app-db-1: cancelled (stopped waiting for service db to become healthy)",
      `start:app-web-1: cancelled (${INTERRUPTED_REASON})`,
    ]);
    expect(result.outcomes[0]?.elapsedMs).toBe(500);
  });

  it("reports an in-flight call that fails after the abort as failed", async () => {
    const engine = new FakeEngine().fail("startContainer app-db-1", "no such image");
    const controller = new AbortController();
    const held = engine.hold("startContainer app-db-1");
    const plan = planOf([op.start("app-db-1"), op.start("app-web-1", ["start:app-db-1"])]);

    const running = apply(plan, engine, { signal: controller.signal, clock: new FakeClock() });
    await held.reached;
    controller.abort();
    held.release();
    const result = await running;

    expect(account(result)).toEqual([
      "start:app-db-1: failed",
      `start:app-web-1: cancelled (${INTERRUPTED_REASON})`,
    ]);
  });

  it("touches nothing when the signal aborted before apply began", async () => {
    const engine = new FakeEngine();
    const result = await apply(planOf([op.network("n"), op.pull("a")]), engine, {
      signal: AbortSignal.abort(),
      clock: new FakeClock(),
    });
    expect(engine.calls).toEqual([]);
    expect(result.outcomes.map((o) => o.status)).toEqual(["cancelled", "cancelled"]);
    expect(result.interrupted).toBe(true);
  });
});
