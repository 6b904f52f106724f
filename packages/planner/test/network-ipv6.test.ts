import { Labels, type ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { buildNetworkSpec } from "../src/spec/object-specs.js";
import { planSwarm } from "../src/swarm/plan-swarm.js";
import { human, network, observedFromDesired } from "./builders.js";
import { desiredLoader } from "./desired-loader.js";
import { EMPTY_SWARM, swarmAfterApply } from "./swarm-after-apply.js";

const desired = desiredLoader("network-ipv6");

const FILE = `
name: app
services:
  web:
    image: stackform-test/busybox:1
    command: ["sleep", "3600"]
    networks: [v6]
networks:
  v6:
    enable_ipv6: true
    ipam:
      config:
        - subnet: fd00:5f:1::/64
`;
const WITHOUT = FILE.replace("    enable_ipv6: true\n", "");

const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

describe("enable_ipv6 on one engine", () => {
  it("keeps the config hash of a network without it, so an upgrade recreates nothing", () => {
    // The hash pinned in reconcile-resources.test.ts, from before the key existed.
    const plain = buildNetworkSpec("app", network("app", "back"));
    expect(plain).not.toHaveProperty("enableIpv6");
    expect(plain.labels[Labels.configHash]).toMatch(/^v1:77d7fcafaf9e/);
    const v6 = buildNetworkSpec("app", network("app", "back", { enableIpv6: true }));
    expect(v6.enableIpv6).toBe(true);
    expect(v6.labels[Labels.configHash]).not.toBe(plain.labels[Labels.configHash]);
  });

  it("is shown when the network is created, and a network made with it plans no changes", async () => {
    const stack = await desired(FILE);
    const created = plan(stack, empty);
    const change = created.changes.find((c) => c.resource === "network v6");
    expect(change?.fields.map((f) => [f.path, f.after])).toEqual([
      ["driver", "bridge"],
      ["enable_ipv6", true],
    ]);
    expect(created.operations.find((op) => op.kind === "createNetwork")).toMatchObject({
      network: { enableIpv6: true, ipam: { config: [{ subnet: "fd00:5f:1::/64" }] } },
    });
    expect(plan(stack, observedFromDesired(stack)).operations).toEqual([]);
  });

  it("removed from the file: the field change forces the network's replacement", async () => {
    const before = await desired(FILE);
    const p = plan(await desired(WITHOUT), observedFromDesired(before));
    expect(
      human(p),
    ).toContain(`-/+ network v6  # enable_ipv6 changed; a network's options are fixed at creation, so it is recreated and its containers reconnected
      ~ enable_ipv6: true → false (forces new network)
`);
    expect(p.operations.map((op) => op.id)).toEqual(
      expect.arrayContaining(["remove-network:app_v6", "create-network:app_v6"]),
    );
  });

  it("adopting a Compose-made network compares it: kept when equal, replaced when not", async () => {
    const stack = await desired(FILE);
    const composeMade = (enableIpv6: boolean): ObservedState => {
      const observed = observedFromDesired(stack);
      return {
        ...observed,
        networks: observed.networks.map((n) => ({
          ...n,
          configHash: undefined,
          enableIpv6,
          labels: { [Labels.composeProject]: "app", [Labels.composeNetwork]: "v6", [Labels.stack]: "app" },
        })),
      };
    };
    expect(plan(stack, composeMade(true)).changes.find((c) => c.resource === "network v6")).toBeUndefined();
    const replaced = plan(stack, composeMade(false)).changes.find((c) => c.resource === "network v6");
    expect(replaced?.action).toBe("replace");
    expect(replaced?.fields.map((f) => [f.path, f.before, f.after, f.forcesReplace])).toEqual([
      ["enable_ipv6", false, true, true],
    ]);
  });
});

describe("enable_ipv6 on a Swarm", () => {
  it("is sent as EnableIPv6, read back as equal, and its removal replaces the network", async () => {
    const stack = await desired(FILE);
    const first = planSwarm({ desired: stack, extras: {}, observed: EMPTY_SWARM });
    const create = first.actions.find((a) => a.kind === "createNetwork");
    expect(create).toMatchObject({ spec: { Name: "app_v6", EnableIPv6: true } });
    expect(first.plan.changes.find((c) => c.resource === "network v6")?.fields.map((f) => f.path)).toEqual([
      "driver",
      "enable_ipv6",
    ]);
    const observed = swarmAfterApply(first);
    expect(planSwarm({ desired: stack, extras: {}, observed }).actions).toEqual([]);

    const again = planSwarm({ desired: await desired(WITHOUT), extras: {}, observed });
    const change = again.plan.changes.find((c) => c.resource === "network v6");
    expect(change?.action).toBe("replace");
    expect(change?.fields.map((f) => [f.path, f.before, f.after])).toEqual([["enable_ipv6", true, false]]);
  });

  it("a Swarm network without it sends no EnableIPv6 at all", async () => {
    const first = planSwarm({ desired: await desired(WITHOUT), extras: {}, observed: EMPTY_SWARM });
    const create = first.actions.find((a) => a.kind === "createNetwork");
    expect(create && "spec" in create ? create.spec : undefined).not.toHaveProperty("EnableIPv6");
  });
});
