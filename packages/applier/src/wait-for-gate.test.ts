import type { ContainerStatus } from "@stackform/engine";
import type { Gate } from "@stackform/planner";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { WaitError } from "./wait-error.js";
import { waitForGate } from "./wait-for-gate.js";

const gate = (monitorMs: number): Gate => ({
  id: "gate:app-web-1--stackform-new",
  after: [],
  resource: "service web",
  kind: "gate",
  container: "app-web-1--stackform-new",
  service: "web",
  monitorMs,
});

const s = (state: ContainerStatus["state"], more: Partial<ContainerStatus> = {}): ContainerStatus => ({
  state,
  oomKilled: false,
  ...more,
});

async function run(monitorMs: number, statuses: ContainerStatus[], timeoutMs = 60_000) {
  const engine = new FakeEngine().setStatuses("app-web-1--stackform-new", ...statuses);
  const clock = new FakeClock();
  const started = clock.now();
  const error = await waitForGate(engine, gate(monitorMs), { timeoutMs, pollIntervalMs: 250, clock }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, elapsedMs: clock.now() - started };
}

describe("the gate of a rolling update", () => {
  it("without a healthcheck, passes once the container has kept running for monitor", async () => {
    const { error, elapsedMs } = await run(3000, [s("running")]);
    expect(error).toBeUndefined();
    expect(elapsedMs).toBe(3000);
  });

  it("without a healthcheck, fails at once when the container stops within monitor", async () => {
    const { error, elapsedMs } = await run(3000, [s("running"), s("running"), s("exited", { exitCode: 1 })]);
    expect(error).toBeInstanceOf(WaitError);
    expect((error as Error).message).toContain("did not pass its gate: it stopped running");
    expect(elapsedMs).toBe(500);
  });

  it("fails on a restart loop", async () => {
    const { error } = await run(3000, [s("running"), s("restarting")]);
    expect((error as Error).message).toContain("it is restarting");
  });

  it("with a healthcheck (the service's or the image's), waits for healthy and ignores monitor", async () => {
    const starting = s("running", { health: "starting" });
    const { error, elapsedMs } = await run(60_000, [starting, starting, s("running", { health: "healthy" })]);
    expect(error).toBeUndefined();
    expect(elapsedMs).toBe(500);
  });

  it("with a healthcheck, fails when it turns unhealthy, with the last check's words", async () => {
    const { error } = await run(0, [
      s("running", { health: "unhealthy", lastHealthOutput: "connection refused" }),
    ]);
    expect((error as Error).message).toContain("its healthcheck is failing");
    expect((error as Error).message).toContain("connection refused");
  });

  it("gives up at the deadline when the container never becomes healthy", async () => {
    const { error, elapsedMs } = await run(0, [s("running", { health: "starting" })], 10_000);
    expect((error as Error).message).toContain("not healthy within 10s");
    expect(elapsedMs).toBe(10_000);
  });
});
