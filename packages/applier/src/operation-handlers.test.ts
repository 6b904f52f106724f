import type { Operation, OperationKind } from "@stackform/planner";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { containerSpec, networkSpec, planOf, volumeSpec } from "../test/operations.js";
import { apply } from "./apply.js";

const node = (id: string) => ({ id, after: [], resource: "service web" });
const build = {
  context: "/src/app",
  dockerfile: "Dockerfile",
  args: { NODE_ENV: "production" },
  target: "runtime",
};

/** One operation of every kind, and the exact engine call each must become (none for a sleep). */
const cases: {
  [K in OperationKind]: [Extract<Operation, { kind: K }>, { method: string; args: unknown[] } | undefined];
} = {
  pullImage: [
    { ...node("1"), kind: "pullImage", image: "nginx:1.27", policy: "always" },
    { method: "pullImage", args: ["nginx:1.27"] },
  ],
  buildImage: [
    { ...node("2"), kind: "buildImage", image: "app-web", build },
    { method: "buildImage", args: ["app-web", build] },
  ],
  createNetwork: [
    { ...node("3"), kind: "createNetwork", network: networkSpec("app_back") },
    { method: "createNetwork", args: [networkSpec("app_back")] },
  ],
  removeNetwork: [
    { ...node("4"), kind: "removeNetwork", network: "app_old" },
    { method: "removeNetwork", args: ["app_old"] },
  ],
  connectNetwork: [
    {
      ...node("5"),
      kind: "connectNetwork",
      container: "app-web-1",
      network: "app_back",
      aliases: ["web"],
      ipv4Address: "10.0.0.5",
    },
    {
      method: "connectNetwork",
      args: ["app-web-1", "app_back", { aliases: ["web"], ipv4Address: "10.0.0.5" }],
    },
  ],
  disconnectNetwork: [
    { ...node("6"), kind: "disconnectNetwork", container: "app-web-1", network: "app_front" },
    { method: "disconnectNetwork", args: ["app-web-1", "app_front"] },
  ],
  createVolume: [
    { ...node("7"), kind: "createVolume", volume: volumeSpec("app_data") },
    { method: "createVolume", args: [volumeSpec("app_data")] },
  ],
  removeVolume: [
    { ...node("8"), kind: "removeVolume", volume: "app_cache" },
    { method: "removeVolume", args: ["app_cache"] },
  ],
  createContainer: [
    { ...node("9"), kind: "createContainer", spec: containerSpec("app-web-1--stackform-new") },
    { method: "createContainer", args: [containerSpec("app-web-1--stackform-new")] },
  ],
  startContainer: [
    { ...node("10"), kind: "startContainer", container: "app-api-1" },
    { method: "startContainer", args: ["app-api-1"] },
  ],
  stopContainer: [
    { ...node("11"), kind: "stopContainer", container: "app-old-1", timeoutSeconds: 30 },
    { method: "stopContainer", args: ["app-old-1", 30] },
  ],
  removeContainer: [
    { ...node("12"), kind: "removeContainer", container: "app-old-2" },
    { method: "removeContainer", args: ["app-old-2"] },
  ],
  renameContainer: [
    { ...node("13"), kind: "renameContainer", container: "app-web-1--stackform-new", newName: "app-web-1" },
    { method: "renameContainer", args: ["app-web-1--stackform-new", "app-web-1"] },
  ],
  updateContainer: [
    {
      ...node("14"),
      kind: "updateContainer",
      container: "app-web-2",
      restart: { name: "always", maximumRetryCount: 0 },
      resources: { memoryLimit: 256 },
    },
    {
      method: "updateContainer",
      args: [
        "app-web-2",
        { restart: { name: "always", maximumRetryCount: 0 }, resources: { memoryLimit: 256 } },
      ],
    },
  ],
  wait: [
    { ...node("15"), kind: "wait", container: "app-db-1", service: "db", until: "running" },
    { method: "containerStatus", args: ["app-db-1"] },
  ],
  gate: [
    { ...node("16"), kind: "gate", container: "app-cache-1", service: "cache", monitorMs: 0 },
    { method: "containerStatus", args: ["app-cache-1"] },
  ],
  sleep: [{ ...node("17"), kind: "sleep", ms: 2000, reason: "drain app-web-1" }, undefined],
};

describe("operation dispatch", () => {
  it("turns every operation kind into exactly its engine call, with the operation's own fields", async () => {
    const engine = new FakeEngine()
      .setStatuses("app-db-1", { state: "running", oomKilled: false })
      .setStatuses("app-cache-1", { state: "running", oomKilled: false });
    const entries = Object.values(cases);
    const result = await apply(planOf(entries.map(([operation]) => operation)), engine, {
      concurrency: 1,
      clock: new FakeClock(),
    });

    expect(result.succeeded).toBe(true);
    const calls = engine.calls.map(({ method, args }) => ({
      method,
      args: args.filter((a) => a !== undefined),
    }));
    const expected = entries.flatMap(([, call]) => (call ? [call] : []));
    expect(calls).toHaveLength(expected.length);
    expect(calls).toEqual(expect.arrayContaining(expected));
    expect(expected).toEqual(expect.arrayContaining(calls));
  });

  it("omits optional fields the operation does not carry", async () => {
    const engine = new FakeEngine();
    await apply(
      planOf([
        { ...node("a"), kind: "connectNetwork", container: "c", network: "n", aliases: [] },
        {
          ...node("b"),
          kind: "updateContainer",
          container: "c",
          restart: { name: "no", maximumRetryCount: 0 },
        },
        { ...node("c"), kind: "stopContainer", container: "c" },
      ]),
      engine,
      { concurrency: 1, clock: new FakeClock() },
    );
    const byMethod = Object.fromEntries(engine.calls.map((c) => [c.method, c.args]));
    expect(byMethod.connectNetwork).toEqual(["c", "n", { aliases: [] }]);
    expect(Object.keys(byMethod.connectNetwork?.[2] as object)).toEqual(["aliases"]);
    expect(byMethod.updateContainer).toEqual(["c", { restart: { name: "no", maximumRetryCount: 0 } }]);
    expect(Object.keys(byMethod.updateContainer?.[1] as object)).toEqual(["restart"]);
    expect(byMethod.stopContainer).toEqual(["c", undefined]);
  });

  it("removes a replacement that fails to start and starts the original again", async () => {
    const engine = new FakeEngine().fail(
      "startContainer app-web-1--stackform-new",
      "port is already allocated",
    );
    const result = await apply(
      planOf([
        {
          ...node("a"),
          kind: "startContainer",
          container: "app-web-1--stackform-new",
          restoreOnFailure: "app-web-1",
        },
      ]),
      engine,
      { concurrency: 1, clock: new FakeClock() },
    );
    expect(result.succeeded).toBe(false);
    expect(engine.log()).toEqual([
      "startContainer app-web-1--stackform-new",
      "removeContainer app-web-1--stackform-new",
      "startContainer app-web-1",
    ]);
    expect(result.outcomes[0]?.error?.message).toContain("app-web-1 was started again");
  });
});
