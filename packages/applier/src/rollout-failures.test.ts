import type { Gate, Operation, RolloutFailure, StartContainer } from "@stackform/planner";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { containerSpec, planOf } from "../test/operations.js";
import { apply } from "./apply.js";
import { RolloutFailures } from "./rollout-failures.js";

const resource = "service web";
const node = (id: string, after: string[] = []) => ({ id, after, resource });
const temp = (n: number) => `app-web-${n}--stackform-new`;
const aside = (n: number) => `app-web-${n}--stackform-old`;
const final = (n: number) => `app-web-${n}`;

/** Undo steps of the shape the planner makes (rollout/plan-rollout.ts), for two replicas. */
const undoBatch = (n: number): Operation[] => [
  { ...node(`undo:stop:${temp(n)}`), kind: "stopContainer", container: temp(n) },
  { ...node(`undo:remove:${temp(n)}`), kind: "removeContainer", container: temp(n) },
];
const undoDone = (n: number): Operation[] => [
  { ...node(`undo:rename:${final(n)}`), kind: "renameContainer", container: final(n), newName: temp(n) },
  { ...node(`undo:rename:${aside(n)}`), kind: "renameContainer", container: aside(n), newName: final(n) },
  {
    ...node(`undo:connect:${final(n)}`),
    kind: "connectNetwork",
    container: final(n),
    network: "app_default",
    aliases: ["web"],
  },
  { ...node(`undo:start:${final(n)}`), kind: "startContainer", container: final(n) },
  { ...node(`undo:gate:${final(n)}`), kind: "gate", container: final(n), service: "web", monitorMs: 0 },
  { ...node(`undo:stop:${temp(n)}`), kind: "stopContainer", container: temp(n) },
  { ...node(`undo:remove:${temp(n)}`), kind: "removeContainer", container: temp(n) },
];

/**
 * Two replicas, one per batch, start-first: create → start → gate → stop old → set old aside →
 * rename new; the old containers are removed once both batches are done.
 */
function rolloutPlan(action: RolloutFailure["action"], tolerated = 0) {
  const failure = (n: number): RolloutFailure => ({
    rollout: "service web",
    action,
    tolerated,
    undoBatch: undoBatch(n),
    undoDone: n === 2 ? [undoDone(1)] : [],
    rollback: { parallelism: 1, delayMs: 0 },
    restores: n === 2 ? [final(1)] : [],
  });
  const operations: Operation[] = [];
  for (const n of [1, 2]) {
    const previous = n === 1 ? [] : [`rename:${temp(1)}`];
    operations.push(
      { ...node(`create:${temp(n)}`, previous), kind: "createContainer", spec: containerSpec(temp(n)) },
      {
        ...node(`start:${temp(n)}`, [`create:${temp(n)}`]),
        kind: "startContainer",
        container: temp(n),
        rolloutFailure: failure(n),
      } satisfies StartContainer,
      {
        ...node(`gate:${temp(n)}`, [`start:${temp(n)}`]),
        kind: "gate",
        container: temp(n),
        service: "web",
        monitorMs: 3000,
        rolloutFailure: failure(n),
      } satisfies Gate,
      { ...node(`stop:${final(n)}`, [`gate:${temp(n)}`]), kind: "stopContainer", container: final(n) },
      {
        ...node(`rename:${final(n)}`, [`stop:${final(n)}`]),
        kind: "renameContainer",
        container: final(n),
        newName: aside(n),
      },
      {
        ...node(`rename:${temp(n)}`, [`rename:${final(n)}`]),
        kind: "renameContainer",
        container: temp(n),
        newName: final(n),
      },
    );
  }
  for (const n of [1, 2])
    operations.push({
      ...node(`remove:${aside(n)}`, [`rename:${temp(2)}`]),
      kind: "removeContainer",
      container: aside(n),
    });
  return planOf(operations);
}

/** An engine where both old containers run and the second new container turns unhealthy. */
function engineWithBadSecondReplica(): FakeEngine {
  const engine = new FakeEngine().setStatuses(temp(2), {
    state: "running",
    health: "unhealthy",
    oomKilled: false,
  });
  for (const n of [1, 2])
    engine.containers.set(final(n), { spec: containerSpec(final(n)), state: "running" });
  return engine;
}

const run = (action: RolloutFailure["action"], tolerated = 0) => {
  const engine = engineWithBadSecondReplica();
  return apply(rolloutPlan(action, tolerated), engine, { concurrency: 1, clock: new FakeClock() }).then(
    (result) => ({
      engine,
      result,
      outcome: (id: string) => result.outcomes.find((o) => o.operation.id === id),
    }),
  );
};

const afterGate = (log: string[]) => log.slice(log.indexOf(`startContainer ${temp(2)}`) + 1);

describe("a rollout whose new container fails its gate", () => {
  it("rollback: removes the failing container, then puts the finished replica's old container back", async () => {
    const { engine, result, outcome } = await run("rollback");
    expect(result.succeeded).toBe(false);
    expect(afterGate(engine.log())).toEqual([
      `stopContainer ${temp(2)}`,
      `removeContainer ${temp(2)}`,
      `renameContainer ${final(1)} ${temp(1)}`,
      `renameContainer ${aside(1)} ${final(1)}`,
      `connectNetwork ${final(1)} app_default`,
      `startContainer ${final(1)}`,
      `stopContainer ${temp(1)}`,
      `removeContainer ${temp(1)}`,
    ]);
    // Both replicas run their old containers again, under their names; nothing else is left.
    expect([...engine.containers.keys()].sort()).toEqual([final(1), final(2)]);
    expect(engine.containers.get(final(1))?.state).toBe("running");
    expect(engine.containers.get(final(2))?.state).toBe("running");
    const gate = outcome(`gate:${temp(2)}`);
    expect(gate?.status).toBe("failed");
    expect(gate?.error?.message).toContain("its healthcheck is failing");
    expect(gate?.error?.message).toContain("rolled back: app-web-1 run the previous configuration again");
    for (const id of [`stop:${final(2)}`, `remove:${aside(1)}`, `remove:${aside(2)}`])
      expect(outcome(id)?.status).toBe("skipped");
  });

  it("pause: removes only the failing container; the finished replica keeps the new configuration", async () => {
    const { engine, outcome } = await run("pause");
    expect(afterGate(engine.log())).toEqual([`stopContainer ${temp(2)}`, `removeContainer ${temp(2)}`]);
    expect([...engine.containers.keys()].sort()).toEqual([final(1), aside(1), final(2)].sort());
    expect(outcome(`gate:${temp(2)}`)?.error?.message).toContain("is paused");
    expect(outcome(`remove:${aside(1)}`)?.status).toBe("skipped");
  });

  it("continue: the rollout goes on past the failure, and the apply still reports it", async () => {
    const { engine, result, outcome } = await run("continue");
    expect(result.succeeded).toBe(false);
    expect(outcome(`gate:${temp(2)}`)?.error?.message).toContain("goes on (failure_action is continue)");
    expect(afterGate(engine.log())).toEqual([
      `stopContainer ${final(2)}`,
      `renameContainer ${final(2)} ${aside(2)}`,
      `renameContainer ${temp(2)} ${final(2)}`,
      `removeContainer ${aside(1)}`,
      `removeContainer ${aside(2)}`,
    ]);
  });

  it("a failure within max_failure_ratio goes on like continue", async () => {
    const { outcome } = await run("rollback", 1);
    expect(outcome(`gate:${temp(2)}`)?.error?.message).toContain(
      "1 of the 1 failures max_failure_ratio allows",
    );
    expect(outcome(`remove:${aside(2)}`)?.status).toBe("succeeded");
  });

  it("rolls back when the new container cannot even start", async () => {
    const engine = engineWithBadSecondReplica().fail(
      `startContainer ${temp(2)}`,
      "port is already allocated",
    );
    const result = await apply(rolloutPlan("rollback"), engine, { concurrency: 1, clock: new FakeClock() });
    expect(result.outcomes.find((o) => o.operation.id === `start:${temp(2)}`)?.error?.message).toContain(
      "rolled back",
    );
    expect(engine.log().filter((k) => k === `renameContainer ${aside(1)} ${final(1)}`)).toHaveLength(1);
  });

  it("keeps undoing when a step fails, and says so", async () => {
    const engine = engineWithBadSecondReplica().fail(
      `removeContainer ${temp(2)}`,
      "removal already in progress",
    );
    const result = await apply(rolloutPlan("rollback"), engine, { concurrency: 1, clock: new FakeClock() });
    const message = result.outcomes.find((o) => o.operation.id === `gate:${temp(2)}`)?.error?.message;
    expect(message).toContain(
      "1 undo step failed (remove app-web-2--stackform-new: removal already in progress)",
    );
    expect(engine.containers.get(final(1))?.state).toBe("running");
  });
});

describe("rollback_config", () => {
  /** Runs a rollback of three finished replicas and returns the steps in the order they began. */
  async function rollBack(rollback: RolloutFailure["rollback"]): Promise<string[]> {
    const began: string[] = [];
    const failures = new RolloutFailures(async (step) => {
      began.push(step.kind === "sleep" ? `sleep ${step.ms}` : step.id);
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    const failure: RolloutFailure = {
      rollout: "service web",
      action: "rollback",
      tolerated: 0,
      undoBatch: [],
      undoDone: [3, 2, 1].map((n) => undoDone(n).slice(0, 2)),
      rollback,
      restores: [final(3), final(2), final(1)],
    };
    await failures.handle(failure, new Error("gate failed"), () => {});
    return began;
  }

  it("puts replicas back one at a time by default, latest first", async () => {
    expect(await rollBack({ parallelism: 1, delayMs: 0 })).toEqual([
      `undo:rename:${final(3)}`,
      `undo:rename:${aside(3)}`,
      `undo:rename:${final(2)}`,
      `undo:rename:${aside(2)}`,
      `undo:rename:${final(1)}`,
      `undo:rename:${aside(1)}`,
    ]);
  });

  it("puts `parallelism` replicas back at once, waiting `delay` between batches", async () => {
    expect(await rollBack({ parallelism: 2, delayMs: 1500 })).toEqual([
      `undo:rename:${final(3)}`,
      `undo:rename:${final(2)}`,
      `undo:rename:${aside(3)}`,
      `undo:rename:${aside(2)}`,
      "sleep 1500",
      `undo:rename:${final(1)}`,
      `undo:rename:${aside(1)}`,
    ]);
  });
});
