import { EngineError, type SwarmEngine } from "@stackform/engine";
import type { SwarmAction } from "@stackform/planner";
import type { SwarmNetworkSpec, SwarmServiceSpec } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { runSwarmActions } from "./run-swarm-actions.js";

const service = (networks: string[]): SwarmServiceSpec => ({
  Name: "shop_web",
  Labels: {},
  TaskTemplate: {
    ContainerSpec: { Image: "busybox" },
    ...(networks.length > 0 ? { Networks: networks.map((Target) => ({ Target })) } : {}),
  },
  Mode: { Replicated: { Replicas: 1 } },
});

const network: SwarmNetworkSpec = {
  Name: "shop_back",
  Driver: "overlay",
  Attachable: false,
  Internal: false,
  Labels: {},
  Options: {},
};

/** A network replace as planSwarm orders it: the service leaves, the network goes and comes back, the service re-joins. */
const REPLACE: SwarmAction[] = [
  {
    id: "service:shop_web:detach",
    kind: "detachService",
    name: "shop_web",
    serviceId: "s1",
    version: 10,
    networks: ["shop_back"],
    spec: service([]),
  },
  { id: "network:shop_back:remove", kind: "removeNetwork", name: "shop_back", networkId: "n1" },
  { id: "network:shop_back:create", kind: "createNetwork", name: "shop_back", spec: network },
  {
    id: "service:shop_web:update",
    kind: "updateService",
    name: "shop_web",
    serviceId: "s1",
    version: 10,
    spec: service(["shop_back"]),
  },
];

/** A Swarm that records calls; its service's version moves on with every update, and `refusals` updates are refused. */
function fakeSwarm(refusals = 0, onNetwork: string[] = ["shop_web"]) {
  const calls: unknown[][] = [];
  let version = 10;
  let refuse = refusals;
  const engine = {
    updateService: async (id: string, at: number, spec: SwarmServiceSpec) => {
      calls.push(["updateService", id, at, spec.TaskTemplate.Networks?.map((n) => n.Target) ?? []]);
      // The first update is the detach; those after it race a rollout that bumps the version.
      if (calls.filter((c) => c[0] === "updateService").length > 1 && refuse > 0) {
        refuse--;
        version += 3;
        throw new EngineError("conflict", "out of date");
      }
      if (at !== version) throw new EngineError("conflict", "out of date");
      version += 5;
    },
    service: async (id: string) => {
      calls.push(["service", id]);
      return { id, name: "shop_web", version, spec: service([]) };
    },
    removeNetwork: async (id: string, name: string, timeoutMs?: number) => {
      calls.push(["removeNetwork", id, name, timeoutMs]);
    },
    createNetwork: async (spec: SwarmNetworkSpec) => {
      calls.push(["createNetwork", spec.Name]);
    },
    servicesOn: async () => onNetwork,
  };
  return { engine: engine as unknown as SwarmEngine, calls };
}

describe("runSwarmActions, replacing a network", () => {
  it("moves the service off, replaces the network, and re-joins under the version the service has by then", async () => {
    const { engine, calls } = fakeSwarm();
    const lines: string[] = [];
    const outcomes = await runSwarmActions(engine, REPLACE, (line) => lines.push(line));
    expect(calls).toEqual([
      ["updateService", "s1", 10, []],
      ["removeNetwork", "n1", "shop_back", 300_000],
      ["createNetwork", "shop_back"],
      ["service", "s1"],
      ["updateService", "s1", 15, ["shop_back"]],
    ]);
    expect(lines[0]).toMatch(/^detached network shop_back from service shop_web \(\d+ ms\)$/);
    // Only the re-joining update is waited on for convergence.
    expect(outcomes.filter((o) => o.serviceId).map((o) => o.kind)).toEqual(["updateService"]);
  });

  it("reads the version again when the rollout moved it between the read and the update", async () => {
    const { engine, calls } = fakeSwarm(1);
    await runSwarmActions(engine, REPLACE, () => {});
    expect(calls.slice(3)).toEqual([
      ["service", "s1"],
      ["updateService", "s1", 15, ["shop_back"]],
      ["service", "s1"],
      ["updateService", "s1", 18, ["shop_back"]],
    ]);
  });

  it("refuses, before moving anything, to replace a network a service outside the stack uses", async () => {
    const { engine, calls } = fakeSwarm(0, ["shop_web", "other_api"]);
    await expect(runSwarmActions(engine, REPLACE, () => {})).rejects.toThrow(
      "network shop_back must be replaced to change its options, but service other_api outside this stack uses it; nothing was changed",
    );
    expect(calls).toEqual([]);
  });

  it("keeps the planned version for a service it did not move: a change by someone else still fails", async () => {
    const { engine, calls } = fakeSwarm();
    const update = REPLACE[3];
    if (update?.kind !== "updateService") throw new Error("expected the update");
    await expect(runSwarmActions(engine, [{ ...update, version: 9 }], () => {})).rejects.toThrow(
      "out of date",
    );
    expect(calls).toEqual([["updateService", "s1", 9, ["shop_back"]]]);
  });
});
