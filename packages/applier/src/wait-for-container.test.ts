import type { ContainerStatus } from "@stackform/engine";
import type { Wait, WaitCondition } from "@stackform/planner";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { CancelledError } from "./cancelled-error.js";
import { formatDuration } from "./format-duration.js";
import { WaitError } from "./wait-error.js";
import { waitForContainer } from "./wait-for-container.js";

const wait = (service: string, until: WaitCondition): Wait => ({
  id: `wait:app-${service}-1`,
  after: [],
  resource: `service ${service}`,
  kind: "wait",
  container: `app-${service}-1`,
  service,
  until,
});

const s = (state: ContainerStatus["state"], more: Partial<ContainerStatus> = {}): ContainerStatus => ({
  state,
  oomKilled: false,
  ...more,
});

async function run(
  service: string,
  until: WaitCondition,
  statuses: ContainerStatus[],
  settings: { timeoutMs?: number; signal?: AbortSignal } = {},
) {
  const engine = new FakeEngine().setStatuses(`app-${service}-1`, ...statuses);
  const clock = new FakeClock();
  const outcome = waitForContainer(engine, wait(service, until), {
    timeoutMs: settings.timeoutMs ?? 120_000,
    pollIntervalMs: 250,
    clock,
    ...(settings.signal ? { signal: settings.signal } : {}),
  }).then(
    () => "met",
    (error: Error) => error,
  );
  const result = await outcome;
  return { result, polls: engine.log({ polls: true }).length, sleeps: clock.sleeps };
}

describe("waitForContainer", () => {
  describe("running", () => {
    it("is met once the container runs", async () => {
      const { result, polls, sleeps } = await run("web", "running", [
        s("created"),
        s("created"),
        s("running"),
      ]);
      expect(result).toBe("met");
      expect(polls).toBe(3);
      expect(sleeps).toEqual([250, 250]);
    });

    it("is met by a one-shot that already exited 0", async () => {
      expect((await run("seed", "running", [s("exited", { exitCode: 0 })])).result).toBe("met");
    });

    it("fails at once when the container exited non-zero", async () => {
      const { result, polls } = await run("web", "running", [s("exited", { exitCode: 1 })]);
      expect(result).toBeInstanceOf(WaitError);
      expect((result as Error).message).toBe(
        "service web did not start: it exited with code 1 (last state: exited, exit code: 1)",
      );
      expect(polls).toBe(1);
    });

    it("times out naming the last state", async () => {
      const { result } = await run("web", "running", [s("restarting", { exitCode: 1 })], { timeoutMs: 1000 });
      expect((result as Error).message).toBe(
        "service web did not start within 1s (last state: restarting, exit code: 1)",
      );
    });
  });

  describe("healthy", () => {
    it("is met once the healthcheck passes", async () => {
      const { result, polls } = await run("db", "healthy", [
        s("running", { health: "starting" }),
        s("running", { health: "healthy" }),
      ]);
      expect(result).toBe("met");
      expect(polls).toBe(2);
    });

    it("times out with the last healthcheck output, polling until the deadline", async () => {
      const { result, polls, sleeps } = await run(
        "db",
        "healthy",
        [s("running", { health: "starting", lastHealthOutput: "pg_isready: no response\n" })],
        { timeoutMs: 600 },
      );
      expect(result).toBeInstanceOf(WaitError);
      expect((result as Error).message).toBe(
        'service db did not become healthy within 600ms (last state: running, health: starting, last check: "pg_isready: no response")',
      );
      expect(sleeps).toEqual([250, 250, 100]);
      expect(polls).toBe(4);
    });

    it("names the default deadline as the user wrote it", async () => {
      const { result } = await run("db", "healthy", [s("created")], {});
      expect((result as Error).message).toBe(
        "service db did not become healthy within 120s (last state: created)",
      );
    });

    it("fails fast when the container turns unhealthy, with the last check", async () => {
      const { result, polls } = await run("db", "healthy", [
        s("running", { health: "starting" }),
        s("running", { health: "unhealthy", lastHealthOutput: "pg_isready: no response" }),
      ]);
      expect((result as Error).message).toBe(
        'service db did not become healthy: its healthcheck is failing (last state: running, health: unhealthy, last check: "pg_isready: no response")',
      );
      expect(polls).toBe(2);
      const error = result as WaitError;
      expect([error.service, error.condition, error.lastStatus.health]).toEqual([
        "db",
        "healthy",
        "unhealthy",
      ]);
    });

    it("says when the container was killed for running out of memory", async () => {
      const { result } = await run("db", "healthy", [
        s("exited", { exitCode: 137, oomKilled: true, health: "starting" }),
      ]);
      expect((result as Error).message).toBe(
        "service db did not become healthy: it was killed for running out of memory (raise its memory limit) (last state: exited, health: starting, exit code: 137, killed: out of memory)",
      );
    });

    it("fails fast on a running container without a healthcheck", async () => {
      const { result } = await run("cache", "healthy", [s("running")]);
      expect((result as Error).message).toBe(
        "service cache did not become healthy: it has no healthcheck (last state: running)",
      );
    });

    it("keeps long healthcheck output to one readable line", async () => {
      const output = `HTTP/1.1 500\n${"x".repeat(400)}`;
      const { result } = await run("web", "healthy", [
        s("running", { health: "unhealthy", lastHealthOutput: output }),
      ]);
      const message = (result as Error).message;
      expect(message).toContain('last check: "HTTP/1.1 500 xxx');
      expect(message).not.toContain("\n");
      expect(message.length).toBeLessThan(320);
    });
  });

  describe("exited0", () => {
    it("is met when the container exits 0", async () => {
      const { result, polls } = await run("migrate", "exited0", [
        s("running"),
        s("running"),
        s("exited", { exitCode: 0 }),
      ]);
      expect(result).toBe("met");
      expect(polls).toBe(3);
    });

    it("fails at once on a non-zero exit", async () => {
      const { result } = await run("migrate", "exited0", [
        s("running"),
        s("exited", { exitCode: 2, error: "" }),
      ]);
      expect((result as Error).message).toBe(
        "service migrate did not complete successfully: it exited with code 2 (last state: exited, exit code: 2)",
      );
    });

    it("with a timeout of 0 asks once", async () => {
      const { result, polls, sleeps } = await run("migrate", "exited0", [s("running")], { timeoutMs: 0 });
      expect((result as Error).message).toBe(
        "service migrate did not complete successfully within 0ms (last state: running)",
      );
      expect([polls, sleeps.length]).toEqual([1, 0]);
    });

    it("reports a dead container and the engine's error", async () => {
      const { result } = await run("migrate", "exited0", [
        s("dead", { exitCode: 128, error: "mount failed" }),
      ]);
      expect((result as Error).message).toBe(
        "service migrate did not complete successfully: its container is dead (last state: dead, exit code: 128, error: mount failed)",
      );
    });
  });

  it("lets an engine error through as it is", async () => {
    const engine = new FakeEngine().fail("containerStatus app-db-1", "no such container: app-db-1");
    await expect(
      waitForContainer(engine, wait("db", "healthy"), {
        timeoutMs: 1000,
        pollIntervalMs: 250,
        clock: new FakeClock(),
      }),
    ).rejects.toThrow("no such container: app-db-1");
  });

  it("stops polling when the signal aborts", async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, polls } = await run("db", "healthy", [s("running", { health: "starting" })], {
      signal: controller.signal,
    });
    expect(result).toBeInstanceOf(CancelledError);
    expect((result as Error).message).toBe("stopped waiting for service db to become healthy");
    expect(polls).toBe(1);
  });
});

describe("formatDuration", () => {
  it("writes durations as people give them", () => {
    expect([0, 500, 1000, 1500, 120_000, 600_000].map(formatDuration)).toEqual([
      "0ms",
      "500ms",
      "1s",
      "1.5s",
      "120s",
      "600s",
    ]);
  });
});
