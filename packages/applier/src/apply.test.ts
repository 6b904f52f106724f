import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { op, planOf } from "../test/operations.js";
import { apply } from "./apply.js";
import type { ApplyEvent } from "./apply-event.js";

const statuses = (result: Awaited<ReturnType<typeof apply>>) =>
  Object.fromEntries(
    result.outcomes.map((o) => [o.operation.id, o.reason ? `${o.status}: ${o.reason}` : o.status]),
  );

describe("apply", () => {
  it("runs a chain strictly in `after` order", async () => {
    const engine = new FakeEngine();
    engine.latencyTicks = 2;
    const plan = planOf([
      op.start("app-web-1", ["create:app-web-1"]),
      op.create("app-web-1", ["network:app_default", "pull:nginx:1.27"]),
      op.network("app_default"),
      op.pull("nginx:1.27"),
    ]);

    const result = await apply(plan, engine, { clock: new FakeClock() });

    expect(result.succeeded).toBe(true);
    expect(engine.log().slice(2)).toEqual(["createContainer app-web-1", "startContainer app-web-1"]);
    expect(engine.log().slice(0, 2).sort()).toEqual(["createNetwork app_default", "pullImage nginx:1.27"]);
  });

  it("starts an operation only after every operation it waits for has succeeded", async () => {
    const engine = new FakeEngine();
    engine.latencyTicks = 3;
    const events: ApplyEvent[] = [];
    const plan = planOf([
      op.network("app_default"),
      op.pull("postgres:16"),
      op.pull("redis:7"),
      op.create("app-db-1", ["network:app_default", "pull:postgres:16"]),
      op.create("app-cache-1", ["network:app_default", "pull:redis:7"]),
      op.start("app-db-1", ["create:app-db-1"]),
      op.start("app-cache-1", ["create:app-cache-1"]),
      op.create("app-web-1", ["network:app_default"]),
      op.start("app-web-1", ["create:app-web-1", "start:app-db-1", "start:app-cache-1"]),
    ]);

    await apply(plan, engine, { clock: new FakeClock(), onEvent: (e) => events.push(e) });

    const index = (type: string, id: string) =>
      events.findIndex((e) => e.type === type && e.operation.id === id);
    for (const operation of plan.operations) {
      for (const before of operation.after) {
        expect(index("succeeded", before), `${before} before ${operation.id}`).toBeLessThan(
          index("started", operation.id),
        );
      }
    }
    expect(events.filter((e) => e.type === "succeeded")).toHaveLength(plan.operations.length);
  });

  it("keeps at most `concurrency` operations in flight", async () => {
    const engine = new FakeEngine();
    engine.latencyTicks = 5;
    const plan = planOf(Array.from({ length: 20 }, (_, i) => op.pull(`image-${i}`)));

    const result = await apply(plan, engine, { concurrency: 3, clock: new FakeClock() });

    expect(result.succeeded).toBe(true);
    expect(engine.calls).toHaveLength(20);
    expect(engine.maxInFlight).toBe(3);
  });

  it("runs 8 operations at once by default", async () => {
    const engine = new FakeEngine();
    engine.latencyTicks = 5;
    const plan = planOf(Array.from({ length: 20 }, (_, i) => op.pull(`image-${i}`)));

    await apply(plan, engine, { clock: new FakeClock() });

    expect(engine.maxInFlight).toBe(8);
  });

  it("skips every transitive dependent of a failed operation, naming it, and finishes independent work", async () => {
    const engine = new FakeEngine().fail("startContainer app-db-1", "port 5432 is already allocated");
    engine.setStatuses("app-cache-1", { state: "running", oomKilled: false });
    const plan = planOf([
      op.network("app_default"),
      op.create("app-db-1", ["network:app_default"]),
      op.start("app-db-1", ["create:app-db-1"]),
      op.wait("app-db-1", "db", "healthy", ["start:app-db-1"]),
      op.create("app-web-1", ["network:app_default"]),
      op.start("app-web-1", ["create:app-web-1", "wait:app-db-1"]),
      op.create("app-cache-1", ["network:app_default"]),
      op.start("app-cache-1", ["create:app-cache-1"]),
    ]);

    const result = await apply(plan, engine, { clock: new FakeClock() });

    expect(result.succeeded).toBe(false);
    expect(statuses(result)).toEqual({
      "network:app_default": "succeeded",
      "create:app-db-1": "succeeded",
      "start:app-db-1": "failed",
      "wait:app-db-1": "skipped: start:app-db-1 failed",
      "create:app-web-1": "succeeded",
      "start:app-web-1": "skipped: start:app-db-1 failed",
      "create:app-cache-1": "succeeded",
      "start:app-cache-1": "succeeded",
    });
    expect(result.outcomes.find((o) => o.status === "failed")?.error?.message).toBe(
      "port 5432 is already allocated",
    );
    expect(engine.log()).not.toContain("startContainer app-web-1");
    expect(engine.log({ polls: true })).not.toContain("containerStatus app-db-1");
  });

  it("reports a failed wait with its message and skips what waited for it", async () => {
    const engine = new FakeEngine().setStatuses("app-db-1", {
      state: "running",
      health: "unhealthy",
      lastHealthOutput: "pg_isready: no response\n",
      oomKilled: false,
    });
    const plan = planOf([op.wait("app-db-1", "db", "healthy"), op.start("app-web-1", ["wait:app-db-1"])]);

    const result = await apply(plan, engine, { clock: new FakeClock() });

    expect(result.outcomes[0]?.error?.message).toBe(
      'service db did not become healthy: its healthcheck is failing (last state: running, health: unhealthy, last check: "pg_isready: no response")',
    );
    expect(statuses(result)["start:app-web-1"]).toBe("skipped: wait:app-db-1 failed");
  });

  it("emits started and final events in order, with times from the clock", async () => {
    const clock = new FakeClock(5_000);
    const engine = new FakeEngine();
    engine.onCall = () => {
      clock.time += 100;
    };
    engine.fail("startContainer app-web-1", "boom");
    const events: ApplyEvent[] = [];
    const plan = planOf([
      op.create("app-web-1"),
      op.start("app-web-1", ["create:app-web-1"]),
      op.wait("app-web-1", "web", "running", ["start:app-web-1"]),
    ]);

    const result = await apply(plan, engine, { clock, onEvent: (e) => events.push(e) });

    expect(
      events.map((e) => ({
        type: e.type,
        id: e.operation.id,
        at: e.at,
        elapsedMs: e.elapsedMs,
        reason: e.reason,
      })),
    ).toEqual([
      { type: "started", id: "create:app-web-1", at: 5_000, elapsedMs: undefined, reason: undefined },
      { type: "succeeded", id: "create:app-web-1", at: 5_100, elapsedMs: 100, reason: undefined },
      { type: "started", id: "start:app-web-1", at: 5_100, elapsedMs: undefined, reason: undefined },
      { type: "failed", id: "start:app-web-1", at: 5_200, elapsedMs: 100, reason: undefined },
      {
        type: "skipped",
        id: "wait:app-web-1",
        at: 5_200,
        elapsedMs: undefined,
        reason: "start:app-web-1 failed",
      },
    ]);
    expect(events[3]?.error?.message).toBe("boom");
    expect(result.elapsedMs).toBe(200);
    expect(result.outcomes.map((o) => o.elapsedMs)).toEqual([100, 100, 0]);
  });

  it("streams pull progress lines tagged with the operation id", async () => {
    const engine = new FakeEngine();
    engine.progressLines.set("nginx:1.27", ["a1b2: Pulling fs layer", "a1b2: Pull complete"]);
    const lines: [string, string][] = [];

    await apply(planOf([op.pull("nginx:1.27")]), engine, {
      clock: new FakeClock(),
      onProgress: (id, line) => lines.push([id, line]),
    });

    expect(lines).toEqual([
      ["pull:nginx:1.27", "a1b2: Pulling fs layer"],
      ["pull:nginx:1.27", "a1b2: Pull complete"],
    ]);
  });

  it("succeeds at once on an empty plan", async () => {
    const engine = new FakeEngine();
    const result = await apply(planOf([]), engine, { clock: new FakeClock() });
    expect(result).toEqual({ outcomes: [], succeeded: true, interrupted: false, elapsedMs: 0 });
    expect(engine.calls).toEqual([]);
  });

  it("refuses a plan that waits for an unknown operation, before touching the engine", async () => {
    const engine = new FakeEngine();
    const plan = planOf([op.network("n"), op.start("app-web-1", ["create:app-web-1"])]);
    await expect(apply(plan, engine)).rejects.toThrow(
      "operation start:app-web-1 waits for create:app-web-1, which is not in the plan; this is a bug in Stackform",
    );
    expect(engine.calls).toEqual([]);
  });

  it("refuses a cyclic plan and duplicate ids as bugs", async () => {
    const engine = new FakeEngine();
    const cyclic = planOf([op.create("a", ["start:a"]), op.start("a", ["create:a"]), op.network("n")]);
    await expect(apply(cyclic, engine)).rejects.toThrow(
      "the plan's operations do not form a graph (A cycle has been detected including the following nodes: create:a, start:a); this is a bug in Stackform",
    );
    await expect(apply(planOf([op.network("n"), op.network("n")]), engine)).rejects.toThrow(
      "the plan has two operations with id network:n; this is a bug in Stackform",
    );
    expect(engine.calls).toEqual([]);
  });

  it("refuses a concurrency below 1", async () => {
    await expect(apply(planOf([]), new FakeEngine(), { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});
