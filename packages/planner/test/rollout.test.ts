import type { Gate, Operation, Plan, StartContainer } from "@stackform/planner";
import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import type { ServiceInput } from "./builders.js";
import { afterOf, desiredStack, human, ids, observedFromDesired, runsAfter } from "./builders.js";

const healthcheck = { test: ["CMD-SHELL", "true"], interval: 1e9, retries: 3 };
const stackOf = (version: string, extra: ServiceInput = {}) =>
  desiredStack({
    services: {
      web: { image: "web:1", environment: { VERSION: version }, replicas: 2, healthcheck, ...extra },
    },
  });
const update = (extra: ServiceInput = {}): Plan =>
  plan(stackOf("2", extra), observedFromDesired(stackOf("1", extra)));
const op = (p: Plan, id: string): Operation => {
  const found = p.operations.find((o) => o.id === id);
  if (!found) throw new Error(`no ${id} in ${ids(p).join(", ")}`);
  return found;
};
const replicaIds = (p: Plan, n: number) => ids(p).filter((id) => id.includes(`app-web-${n}`));

describe("rolling update: start-first (the default)", () => {
  it("starts and gates the new container before the old one drains, stops, and is set aside", () => {
    const p = update();
    expect(replicaIds(p, 1)).toEqual([
      "create:app-web-1--stackform-new",
      "start:app-web-1--stackform-new",
      "gate:app-web-1--stackform-new",
      "disconnect:app-web-1:app_default",
      "drain:app-web-1",
      "stop:app-web-1",
      "rename:app-web-1",
      "rename:app-web-1--stackform-new",
      "remove:app-web-1--stackform-old",
    ]);
    expect(afterOf(p, "start:app-web-1--stackform-new")).toEqual(["create:app-web-1--stackform-new"]);
    expect(afterOf(p, "disconnect:app-web-1:app_default")).toEqual(["gate:app-web-1--stackform-new"]);
    expect(afterOf(p, "drain:app-web-1")).toEqual(["disconnect:app-web-1:app_default"]);
    expect(afterOf(p, "stop:app-web-1")).toEqual(["drain:app-web-1"]);
    expect(afterOf(p, "rename:app-web-1")).toEqual(["stop:app-web-1"]);
    expect(op(p, "rename:app-web-1")).toMatchObject({ newName: "app-web-1--stackform-old" });
    expect(afterOf(p, "rename:app-web-1--stackform-new")).toEqual(["rename:app-web-1"]);
    expect(op(p, "drain:app-web-1")).toMatchObject({ kind: "sleep", ms: 2000 });
    // The stop uses the container's own stop signal and grace period: no timeout of the plan's.
    expect(op(p, "stop:app-web-1")).not.toHaveProperty("timeoutSeconds");
  });

  it("replaces one replica at a time: the next batch is created once the previous one swapped", () => {
    const p = update();
    expect(afterOf(p, "create:app-web-2--stackform-new")).toEqual(["rename:app-web-1--stackform-new"]);
    // The old containers go only when the whole rollout has passed.
    for (const n of [1, 2])
      expect(afterOf(p, `remove:app-web-${n}--stackform-old`)).toEqual(["rename:app-web-2--stackform-new"]);
  });

  it("shows the strategy on the service's change", () => {
    expect(human(update())).toContain(
      "-/+ service web  # environment.VERSION changed; start-first, 1 at a time, gate: healthy, drain 2s",
    );
    expect(human(update({ healthcheck: undefined }))).toContain("gate: running 3s");
  });

  it("with drain 0s neither drains nor takes the old container off its networks", () => {
    const p = update({ drain: 0 });
    expect(replicaIds(p, 1)).not.toContain("disconnect:app-web-1:app_default");
    expect(replicaIds(p, 1)).not.toContain("drain:app-web-1");
    expect(afterOf(p, "stop:app-web-1")).toEqual(["gate:app-web-1--stackform-new"]);
  });

  it("follows parallelism, delay, monitor, drain and failure_action", () => {
    const p = update({
      replicas: 4,
      healthcheck: undefined,
      updateConfig: { parallelism: 2, delay: 1.5e9, monitor: 10e9, failureAction: "pause" },
      drain: 5e9,
    });
    expect(human(p)).toContain(
      "start-first, 2 at a time, gate: running 10s, delay 1.5s, drain 5s, on failure: pause",
    );
    // Batch 1 is replicas 1-2, batch 2 replicas 3-4, after a delay.
    expect(afterOf(p, "create:app-web-2--stackform-new")).toEqual([]);
    expect(afterOf(p, "delay:web:2").sort()).toEqual([
      "rename:app-web-1--stackform-new",
      "rename:app-web-2--stackform-new",
    ]);
    expect(afterOf(p, "create:app-web-3--stackform-new")).toEqual(["delay:web:2"]);
    // A batch drains only once every new container of the batch passed its gate.
    expect(afterOf(p, "disconnect:app-web-1:app_default").sort()).toEqual([
      "gate:app-web-1--stackform-new",
      "gate:app-web-2--stackform-new",
    ]);
    expect(op(p, "gate:app-web-1--stackform-new")).toMatchObject({ monitorMs: 10_000 });
    expect(op(p, "drain:app-web-1")).toMatchObject({ ms: 5000 });
  });

  it("replaces all replicas in one batch with parallelism 0", () => {
    const p = update({ replicas: 3, updateConfig: { parallelism: 0 } });
    expect(human(p)).toContain("start-first, all at once");
    for (const n of [1, 2, 3]) expect(afterOf(p, `create:app-web-${n}--stackform-new`)).toEqual([]);
  });
});

describe("rolling update: stop-first", () => {
  it("is chosen for a fixed host port, and says why", () => {
    const p = update({ replicas: 1, ports: [{ target: 8080, published: 8080, protocol: "tcp" }] });
    expect(human(p)).toContain("; stop-first: host port 8080 can be bound by one container at a time");
    expect(replicaIds(p, 1)).toEqual([
      "create:app-web-1--stackform-new",
      "stop:app-web-1",
      "start:app-web-1--stackform-new",
      "gate:app-web-1--stackform-new",
      "rename:app-web-1",
      "rename:app-web-1--stackform-new",
      "remove:app-web-1--stackform-old",
    ]);
    // Its published port goes with its network: it is stopped as it is, not disconnected first.
    expect(ids(p).some((id) => id.startsWith("disconnect:"))).toBe(false);
  });

  it("is chosen for the host's network, and says why", () => {
    const p = update({ replicas: 1, networkMode: { kind: "host" }, networks: {} });
    expect(human(p)).toContain("stop-first: with network_mode host the new container would contend");
  });

  it("is chosen for container_name, and says why", () => {
    const p = update({ replicas: 1, containerName: "front" });
    expect(human(p)).toContain("stop-first: container_name front can name one container at a time");
  });

  it("is taken when update_config asks for it; without published ports the old container still drains", () => {
    const p = update({ updateConfig: { order: "stop-first" } });
    expect(human(p)).toContain("stop-first: deploy.update_config.order is stop-first");
    expect(replicaIds(p, 1)).toEqual([
      "create:app-web-1--stackform-new",
      "disconnect:app-web-1:app_default",
      "drain:app-web-1",
      "stop:app-web-1",
      "start:app-web-1--stackform-new",
      "gate:app-web-1--stackform-new",
      "rename:app-web-1",
      "rename:app-web-1--stackform-new",
      "remove:app-web-1--stackform-old",
    ]);
  });

  it("orders a stop-first dependent and its stop-first target without a cycle, the first batch's stops first", () => {
    const stopFirst = { order: "stop-first" as const };
    const depends = { db: { condition: "service_started" as const, restart: false, required: true } };
    const stack = (v: string) =>
      desiredStack({
        services: {
          db: { image: `db:${v}`, updateConfig: stopFirst },
          web: { image: `web:${v}`, replicas: 2, dependsOn: depends, updateConfig: stopFirst },
        },
      });
    const p = plan(stack("2"), observedFromDesired(stack("1")));
    expect(runsAfter(p, "stop:app-db-1", "stop:app-web-1")).toBe(true);
    expect(runsAfter(p, "start:app-web-2--stackform-new", "rename:app-db-1--stackform-new")).toBe(true);
  });
});

describe("what a failure undoes", () => {
  it("carries the rollback on the start and gate of every batch: later batches also undo the earlier ones", () => {
    const p = update();
    const first = (op(p, "gate:app-web-1--stackform-new") as Gate).rolloutFailure!;
    const second = (op(p, "gate:app-web-2--stackform-new") as Gate).rolloutFailure!;
    expect((op(p, "start:app-web-2--stackform-new") as StartContainer).rolloutFailure).toBe(second);
    expect(first).toMatchObject({ rollout: "service web", action: "rollback", tolerated: 0, restores: [] });
    expect(first.undoDone).toEqual([]);
    // Batch 1 failing: the new container leaves, drains and goes; the old one never stopped.
    expect(first.undoBatch.map((s) => s.id)).toEqual([
      "undo:disconnectNetwork:app-web-1--stackform-new:app_default",
      "undo:sleep:app-web-1",
      "undo:stopContainer:app-web-1--stackform-new",
      "undo:removeContainer:app-web-1--stackform-new",
    ]);
    expect(second.restores).toEqual(["app-web-1"]);
    // Batch 2 failing puts replica 1 back: the old container takes its name back, rejoins with its
    // aliases and starts; once it is up the new one drains and goes.
    expect(second.undoDone.map((steps) => steps.map((s) => s.id))).toEqual([
      [
        "undo:renameContainer:app-web-1:app-web-1--stackform-new",
        "undo:renameContainer:app-web-1--stackform-old:app-web-1",
        "undo:connectNetwork:app-web-1:app_default",
        "undo:startContainer:app-web-1",
        "undo:gate:app-web-1",
        "undo:disconnectNetwork:app-web-1--stackform-new:app_default",
        "undo:sleep:app-web-1",
        "undo:stopContainer:app-web-1--stackform-new",
        "undo:removeContainer:app-web-1--stackform-new",
      ],
    ]);
    expect(second.undoDone[0]?.[2]).toMatchObject({ aliases: ["web"] });
    expect(second.rollback).toEqual({ parallelism: 1, delayMs: 0 });
  });

  it("follows rollback_config: parallelism and delay go to the applier, stop-first takes the new container away first", () => {
    const p = update({
      replicas: 3,
      rollbackConfig: { parallelism: 2, delay: 1e9, order: "stop-first" },
    });
    const third = (op(p, "gate:app-web-3--stackform-new") as Gate).rolloutFailure!;
    expect(third.rollback).toEqual({ parallelism: 2, delayMs: 1000 });
    expect(third.undoDone.map((steps) => steps[0]?.id)).toEqual([
      "undo:renameContainer:app-web-2:app-web-2--stackform-new",
      "undo:renameContainer:app-web-1:app-web-1--stackform-new",
    ]);
    expect(third.undoDone[0]?.map((s) => s.id).slice(1, 5)).toEqual([
      "undo:disconnectNetwork:app-web-2--stackform-new:app_default",
      "undo:sleep:app-web-2",
      "undo:stopContainer:app-web-2--stackform-new",
      "undo:removeContainer:app-web-2--stackform-new",
    ]);
    expect(human(p)).toContain("rollback: 2 at a time, delay 1s, stop-first");
  });

  it("tolerates max_failure_ratio × replicas failures", () => {
    const p = update({ replicas: 4, updateConfig: { maxFailureRatio: 0.5 } });
    expect((op(p, "gate:app-web-1--stackform-new") as Gate).rolloutFailure?.tolerated).toBe(2);
  });
});

describe("crash recovery of a rolling update", () => {
  const v1 = stackOf("1");
  const v2 = stackOf("2");
  /** Replica 1 swapped (new under the final name, old set aside), replica 2 not yet. */
  function killedMidway(): ObservedState {
    const before = observedFromDesired(v1);
    const after = observedFromDesired(v2);
    const aside = {
      ...before.containers.find((c) => c.name === "app-web-1")!,
      name: "app-web-1--stackform-old",
      state: "exited" as const,
      networks: {},
    };
    return {
      ...after,
      containers: [
        after.containers.find((c) => c.name === "app-web-1")!,
        aside,
        before.containers.find((c) => c.name === "app-web-2")!,
      ],
      images: [...before.images, ...after.images],
    };
  }

  it("removes an aside container whose replica already has its new container, and goes on with the rest", () => {
    const p = plan(v2, killedMidway());
    expect(ids(p)).toContain("remove:app-web-1--stackform-old");
    expect(ids(p)).toContain("create:app-web-2--stackform-new");
    expect(ids(p)).not.toContain("create:app-web-1--stackform-new");
  });

  it("gives an aside container its name back when it is the only copy of the replica", () => {
    const observed = killedMidway();
    const gone = { ...observed, containers: observed.containers.filter((c) => c.name !== "app-web-1") };
    // Back to v1 (a rollback interrupted): the old container needs its name, its network and a start.
    const p = plan(v1, gone);
    expect(ids(p).sort()).toEqual([
      "connect:app-web-1:app_default",
      "rename:app-web-1--stackform-old",
      "start:app-web-1",
    ]);
    expect(runsAfter(p, "start:app-web-1", "rename:app-web-1--stackform-old")).toBe(true);
    expect(runsAfter(p, "connect:app-web-1:app_default", "rename:app-web-1--stackform-old")).toBe(true);
    expect(op(p, "rename:app-web-1--stackform-old")).toMatchObject({ newName: "app-web-1" });
    // Still v2: it is renamed back first, then replaced like any other container.
    const again = plan(v2, gone);
    expect(runsAfter(again, "create:app-web-1--stackform-new", "rename:app-web-1--stackform-old")).toBe(true);
    expect(ids(again)).toContain("remove:app-web-1--stackform-old");
  });

  it("removes an aside container of a replica the stack no longer has", () => {
    const observed = killedMidway();
    const one = desiredStack({
      services: { web: { image: "web:1", environment: { VERSION: "2" }, healthcheck } },
    });
    const p = plan(one, observed);
    expect(ids(p)).toContain("remove:app-web-1--stackform-old");
  });
});
