import { describe, expect, it } from "vitest";
import { desiredLoader } from "../../test/desired-loader.js";
import { swarmAfterApply as applied, EMPTY_SWARM as EMPTY } from "../../test/swarm-after-apply.js";
import { planSwarm } from "./plan-swarm.js";

const desired = desiredLoader("plan-swarm-networks");

const FILE = `
name: shop
services:
  web:
    image: stackform-test/busybox:1
    command: ["sleep", "3600"]
    networks: [front, back]
  db:
    image: stackform-test/busybox:1
    command: ["sleep", "3600"]
    networks: [back]
  cache:
    image: stackform-test/busybox:1
    command: ["sleep", "3600"]
    networks: [front]
networks:
  front:
    attachable: true
  back:
    driver_opts: { com.docker.network.driver.mtu: "1400" }
    labels: { tier: data }
`;

describe("planSwarm networks", () => {
  it("is clean against what Swarm reports: its VXLAN id, the IPAM it chose, the gateway", async () => {
    // `back` is last in the file: the line below belongs to it.
    const stack = await desired(`${FILE}    ipam: { config: [{ subnet: 10.231.7.0/24 }] }\n`);
    const observed = applied(planSwarm({ desired: stack, extras: {}, observed: EMPTY }));
    expect(observed.networks.find((n) => n.name === "shop_back")?.ipam.Config).toEqual([
      { Subnet: "10.231.7.0/24", Gateway: "10.231.7.1" },
    ]);
    const again = planSwarm({ desired: stack, extras: {}, observed });
    expect(again.actions).toEqual([]);
    expect(again.plan.changes.map((c) => `${c.resource} ${c.action}`)).toEqual([
      "network back keep",
      "network front keep",
      "service cache keep",
      "service db keep",
      "service web keep",
    ]);
  });

  it("replaces a network whose driver option and label changed: its services leave it, then re-join", async () => {
    const observed = applied(planSwarm({ desired: await desired(FILE), extras: {}, observed: EMPTY }));
    const changed = await desired(FILE.replace('"1400"', '"1450"').replace("tier: data", "tier: storage"));
    const plan = planSwarm({ desired: changed, extras: {}, observed });

    const network = plan.plan.changes.find((c) => c.resource === "network back");
    expect(network?.action).toBe("replace");
    expect(network?.fields.map((f) => [f.path, f.before, f.after, f.forcesReplace])).toEqual([
      ["driver_opts.com.docker.network.driver.mtu", "1400", "1450", true],
      ["labels.tier", "data", "storage", true],
    ]);
    expect(network?.cause).toMatch(/^driver_opts\.com\.docker\.network\.driver\.mtu, labels\.tier changed/);
    expect(plan.actions.map((a) => a.id)).toEqual([
      "service:shop_db:detach",
      "service:shop_web:detach",
      "network:shop_back:remove",
      "network:shop_back:create",
      "service:shop_db:update",
      "service:shop_web:update",
    ]);
    // web keeps its other network while it leaves the replaced one, under the version it was seen at.
    const detachWeb = plan.actions[1];
    if (detachWeb?.kind !== "detachService") throw new Error("expected a detach");
    expect(detachWeb).toMatchObject({ serviceId: "id-shop_web", version: 10, networks: ["shop_back"] });
    expect(detachWeb.spec.TaskTemplate.Networks?.map((n) => n.Target)).toEqual(["id-shop_front"]);
    const detachDb = plan.actions[0];
    expect(detachDb?.kind === "detachService" && detachDb.spec.TaskTemplate.Networks).toBeUndefined();
    // The update re-joins by name: the engine resolves it to the new network's id.
    const updateWeb = plan.actions[5];
    expect(updateWeb?.kind === "updateService" && updateWeb.spec.TaskTemplate.Networks).toEqual([
      { Target: "shop_back", Aliases: ["web"] },
      { Target: "shop_front", Aliases: ["web"] },
    ]);
    const web = plan.plan.changes.find((c) => c.resource === "service web");
    expect(web).toMatchObject({
      action: "update",
      cause: "it leaves network shop_back while that is recreated, then re-joins it",
      fields: [],
      operations: ["service:shop_web:detach", "service:shop_web:update"],
    });
    expect(plan.plan.changes.find((c) => c.resource === "service cache")?.action).toBe("keep");
    expect(plan.plan.changes.find((c) => c.resource === "network front")?.action).toBe("keep");
  });

  it("sees internal, attachable, a removed option and the IPAM the file sets", async () => {
    const observed = applied(planSwarm({ desired: await desired(FILE), extras: {}, observed: EMPTY }));
    const changed = await desired(
      FILE.replace("attachable: true", "internal: true")
        .replace('    driver_opts: { com.docker.network.driver.mtu: "1400" }\n', "")
        .concat("    ipam: { driver: default, config: [{ subnet: 10.231.9.0/24 }] }\n"),
    );
    const plan = planSwarm({ desired: changed, extras: {}, observed });
    const fields = (resource: string) =>
      plan.plan.changes.find((c) => c.resource === resource)?.fields.map((f) => [f.path, f.before, f.after]);
    expect(fields("network front")).toEqual([
      ["internal", false, true],
      ["attachable", true, false],
    ]);
    expect(fields("network back")).toEqual([
      ["driver_opts.com.docker.network.driver.mtu", "1400", undefined],
      ["ipam.config", [{ subnet: "10.0.1.0/24" }], [{ subnet: "10.231.9.0/24" }]],
    ]);
    // Every service is on one of the two: each leaves and re-joins.
    expect(plan.actions.filter((a) => a.kind === "detachService").map((a) => a.name)).toEqual([
      "shop_cache",
      "shop_db",
      "shop_web",
    ]);
    const detachWeb = plan.actions.find((a) => a.id === "service:shop_web:detach");
    expect(detachWeb?.kind === "detachService" && detachWeb.networks).toEqual(["shop_back", "shop_front"]);
  });

  it("removes a dropped service on a replaced network before the network, and only once", async () => {
    const observed = applied(planSwarm({ desired: await desired(FILE), extras: {}, observed: EMPTY }));
    const changed = await desired(
      FILE.replace(/ {2}db:\n(?: {4}.*\n)+/, "").replace("tier: data", "tier: storage"),
    );
    const plan = planSwarm({ desired: changed, extras: {}, observed });
    expect(plan.actions.map((a) => a.id)).toEqual([
      "service:shop_db:remove",
      "service:shop_web:detach",
      "network:shop_back:remove",
      "network:shop_back:create",
      "service:shop_web:update",
    ]);
    expect(plan.plan.changes.find((c) => c.resource === "service db")).toMatchObject({
      action: "remove",
      operations: ["service:shop_db:remove"],
    });
  });
});
