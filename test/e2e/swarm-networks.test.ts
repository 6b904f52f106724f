import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { TEST_IMAGE } from "../support/e2e-stack.js";
import { type RunResult, stackOk } from "../support/run-stack.js";
import { type StackDir, stackDir } from "../support/stack-dir.js";
import { type SwarmRig, startSwarmRig } from "../support/swarm-rig.js";

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

interface SwarmStack {
  name: string;
  dir: StackDir;
  ok(args: string[], expectedCode?: number): Promise<RunResult>;
}

const live: SwarmStack[] = [];
afterEach(async () => {
  for (const stack of live.splice(0)) {
    // Whatever the test did, the stack goes: services first, then their networks.
    const label = `label=com.docker.stack.namespace=${stack.name}`;
    const ids = rig.docker(0, "service", "ls", "-q", "--filter", label);
    if (ids) rig.docker(0, "service", "rm", ...ids.split("\n"));
    await waitFor(() => noContainersOf(stack.name), 60_000);
    const nets = rig.docker(0, "network", "ls", "-q", "--filter", label);
    if (nets) await waitFor(() => tryRemoveNetworks(nets.split("\n")), 30_000);
    stack.dir[Symbol.dispose]();
  }
});

function swarmStack(prefix: string, yaml: string): SwarmStack {
  const name = `e2e-sw-${prefix}-${inject("stackformRunToken") ?? ""}${randomBytes(2).toString("hex")}`;
  const dir = stackDir({ "stack.yaml": yaml });
  const stack: SwarmStack = {
    name,
    dir,
    ok: (args, expectedCode = 0) =>
      stackOk(["-n", name, ...args], { cwd: dir.path, env: { DOCKER_HOST: rig.hosts[0] } }, expectedCode),
  };
  live.push(stack);
  return stack;
}

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

function noContainersOf(stack: string): boolean {
  return [0, 1, 2].every(
    (n) => rig.docker(n, "ps", "-aq", "--filter", `label=com.docker.stack.namespace=${stack}`) === "",
  );
}

function tryRemoveNetworks(ids: string[]): boolean {
  try {
    rig.docker(0, "network", "rm", ...ids);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return check();
}
