import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TEST_IMAGE } from "../support/e2e-stack.js";
import { type SwarmRig, startSwarmRig, swarmStacks } from "../support/swarm-rig.js";

/**
 * A stack network's options on a real three-node Swarm (scripts/swarm-rig.sh): what Swarm adds by
 * itself (the VXLAN id, the IPAM it chose) plans clean, and a changed option replaces the network
 * while the services on it are updated in place. dnsrr, as in swarm.test.ts: no IPVS here.
 */
let rig: SwarmRig;
const timings: Record<string, number> = {};

beforeAll(async () => {
  rig = await startSwarmRig();
}, 120_000);

afterAll(async () => {
  process.stderr.write(`swarm network timings (ms): ${JSON.stringify(timings)}\n`);
}, 120_000);

const stacks = swarmStacks(() => rig);
afterEach(() => stacks.removeAll());
const swarmStack = stacks.stack;

const file = (mtu: string, tier: string) => `
x-stackform:
  target: swarm
services:
  app:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
    stop_grace_period: 1s
    networks: [back]
    deploy:
      replicas: 2
      endpoint_mode: dnsrr
networks:
  back:
    driver_opts:
      com.docker.network.driver.mtu: "${mtu}"
    labels:
      tier: ${tier}
`;

interface JsonPlan {
  changes: {
    resource: string;
    action: string;
    fields: { path: string; before?: unknown; after?: unknown }[];
  }[];
  swarm_actions: { id: string; kind: string }[];
}

describe("stack networks on a Swarm (--target swarm)", () => {
  it("plans clean over Swarm's own additions, and replaces a network whose option or label changed", async () => {
    const stack = swarmStack("net", file("1400", "data"));
    await stack.ok(["apply", "-y"]);
    const network = `${stack.name}_back`;
    const service = `${stack.name}_app`;
    const firstNetworkId = rig.docker(0, "network", "inspect", "-f", "{{.Id}}", network);
    const serviceId = rig.docker(0, "service", "inspect", "-f", "{{.ID}}", service);
    // Swarm added a VXLAN id and chose a subnet: neither is a difference from the file.
    expect(rig.docker(0, "network", "inspect", "-f", "{{json .Options}}", network)).toContain("vxlanid_list");
    expect((await stack.ok(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");

    stack.dir.write("stack.yaml", file("1450", "storage"));
    const human = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(human.stdout).toMatch(/-\/\+ network back/);
    expect(human.stdout).toContain("driver_opts.com.docker.network.driver.mtu");
    const plan = JSON.parse((await stack.ok(["plan", "--format", "json"])).stdout) as JsonPlan;
    const replaced = plan.changes.find((c) => c.resource === "network back");
    expect(replaced?.action).toBe("replace");
    expect(replaced?.fields.map((f) => [f.path, f.before, f.after])).toEqual([
      ["driver_opts.com.docker.network.driver.mtu", "1400", "1450"],
      ["labels.tier", "data", "storage"],
    ]);
    expect(plan.swarm_actions.map((a) => a.kind)).toEqual([
      "detachService",
      "removeNetwork",
      "createNetwork",
      "updateService",
    ]);

    const t = Date.now();
    const applied = await stack.ok(["apply", "-y"]);
    timings["replace network, service re-joins"] = Date.now() - t;
    expect(applied.stderr).toMatch(/detached network .*_back from service .*_app/);
    expect(applied.stderr).toMatch(/service .*_app: 2\/2 running/);

    // A new network with the new option and label; the same service, on it.
    const secondNetworkId = rig.docker(0, "network", "inspect", "-f", "{{.Id}}", network);
    expect(secondNetworkId).not.toBe(firstNetworkId);
    expect(
      rig.docker(
        0,
        "network",
        "inspect",
        "-f",
        '{{index .Options "com.docker.network.driver.mtu"}}',
        network,
      ),
    ).toBe("1450");
    expect(rig.docker(0, "network", "inspect", "-f", '{{index .Labels "tier"}}', network)).toBe("storage");
    expect(rig.docker(0, "service", "inspect", "-f", "{{.ID}}", service)).toBe(serviceId);
    expect(
      rig.docker(
        0,
        "service",
        "inspect",
        "-f",
        "{{range .Spec.TaskTemplate.Networks}}{{.Target}}{{end}}",
        service,
      ),
    ).toBe(secondNetworkId);
    const running = rig.docker(
      0,
      "service",
      "ps",
      "--filter",
      "desired-state=running",
      "--format",
      "{{.CurrentState}}",
      service,
    );
    expect(running.split("\n").filter((s) => s.startsWith("Running"))).toHaveLength(2);

    expect((await stack.ok(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");
  });
});
