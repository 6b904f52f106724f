import { execFileSync, execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { httpGet, loadLoop } from "../support/load-loop.js";
import { stackOk } from "../support/run-stack.js";
import { type StackDir, stackDir } from "../support/stack-dir.js";
import { removeSwarmStack, type SwarmRig, startSwarmRig } from "../support/swarm-rig.js";

/**
 * A rolling update on the Swarm under load: the nginx proxy of examples/zero-downtime (it
 * re-resolves the app's name every second and retries a GET on the next address) in front of a
 * 3-replica app. This machine's kernel has no IPVS, so the app is `endpoint_mode: dnsrr` and the
 * proxy publishes a host-mode port on the one node it is pinned to; the load goes to that node's
 * address from here.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const PROXY_IMAGE = "stackform-example/zero-downtime-proxy:1";
const PROXY_NODE = "swarm-node1";
const PROXY_ADDRESS = "10.231.0.11";
const PROXY_PORT = 18192;

let rig: SwarmRig;
const timings: Record<string, number> = {};

beforeAll(async () => {
  rig = await startSwarmRig();
  const t = Date.now();
  ensureProxyImageOnNode(0);
  timings["proxy image onto node1"] = Date.now() - t;
}, 600_000);

afterAll(async () => {
  process.stderr.write(`swarm rollout timings (ms): ${JSON.stringify(timings)}\n`);
}, 120_000);

const live: { name: string; dir: StackDir }[] = [];
afterEach(async () => {
  for (const stack of live.splice(0)) {
    await removeSwarmStack(rig, stack.name);
    stack.dir[Symbol.dispose]();
  }
}, 120_000);

const file = (version: string) => `
x-stackform: { target: swarm }
services:
  proxy:
    image: ${PROXY_IMAGE}
    stop_signal: SIGQUIT
    ports:
      - { target: 80, published: ${PROXY_PORT}, mode: host }
    deploy:
      replicas: 1
      endpoint_mode: dnsrr
      placement: { constraints: ["node.hostname == ${PROXY_NODE}"] }
  app:
    image: stackform-test/busybox:1
    init: true
    # On SIGTERM it keeps serving for 2 s before it exits: Swarm has taken it out of the service's
    # DNS by then, and every proxy has re-resolved (valid=1s) to the tasks that stay.
    command:
      - sh
      - -c
      - >-
        mkdir -p /www && echo "$$APP_VERSION" > /www/index.html;
        httpd -f -p 8080 -h /www & pid=$$!;
        trap 'sleep 2; kill $$pid; exit 0' TERM;
        wait
    environment:
      APP_VERSION: ${version}
    healthcheck:
      test: ["CMD-SHELL", "nc -w 1 127.0.0.1 8080 </dev/null"]
      interval: 1s
      timeout: 1s
      retries: 3
    stop_grace_period: 5s
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      update_config: { parallelism: 1, order: start-first, failure_action: rollback, monitor: 2s }
`;

describe("a rolling update on the Swarm", () => {
  it("updates an env change in place, start-first, with no failed request to the proxy's host port", async () => {
    const name = `e2e-sw-roll-${inject("stackformRunToken") ?? ""}${randomBytes(2).toString("hex")}`;
    const dir = stackDir({ "stack.yaml": file("v1") });
    live.push({ name, dir });
    const stack = (args: string[], code = 0) =>
      stackOk(["-n", name, ...args], { cwd: dir.path, env: { DOCKER_HOST: rig.hosts[0] } }, code);

    let t = Date.now();
    await stack(["apply", "-y", "--wait-timeout", "90s"]);
    timings["apply proxy + 3 replicas"] = Date.now() - t;
    expect(await waitForAnswer("v1", 30_000)).toBe(true);
    const id = rig.docker(0, "service", "inspect", "--format", "{{.ID}}", `${name}_app`);

    dir.write("stack.yaml", file("v2"));
    const plan = await stack(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toMatch(/~ service app[\s\S]*environment\.APP_VERSION: "v1" → "v2"/);

    const traffic = loadLoop(PROXY_ADDRESS, PROXY_PORT);
    await sleep(500);
    t = Date.now();
    await stack(["apply", "-y", "--wait-timeout", "90s"]);
    timings["rolling update 3 replicas"] = Date.now() - t;
    // The last old task is still draining when the apply returns: load until it is gone.
    await sleep(3_000);
    const counts = await traffic.stop();
    process.stderr.write(`swarm rolling update under load: ${JSON.stringify(counts)}\n`);

    expect(rig.docker(0, "service", "inspect", "--format", "{{.ID}}", `${name}_app`)).toBe(id);
    expect(
      rig.docker(0, "service", "inspect", "--format", "{{.Spec.UpdateConfig.Order}}", `${name}_app`),
    ).toBe("start-first");
    expect(counts.total).toBeGreaterThan(100);
    expect(counts.failed).toBe(0);
    expect(counts.bodies.v2).toBeGreaterThan(0);
    expect((await stack(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");
  });
});

/** The proxy image, made on the main engine as the zero-downtime example makes it, copied onto node `n`. */
function ensureProxyImageOnNode(n: number): void {
  const id = (host: string) => {
    try {
      return execFileSync("docker", ["-H", host, "image", "inspect", "--format", "{{.Id}}", PROXY_IMAGE], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      return "";
    }
  };
  const main = "unix:///var/run/docker.sock";
  if (!id(main)) {
    execFileSync("bash", [`${root}scripts/make-debian-images.sh`], { stdio: "inherit" });
    execFileSync("docker", [
      "-H",
      main,
      "build",
      "-q",
      "-t",
      PROXY_IMAGE,
      `${root}examples/zero-downtime/proxy`,
    ]);
  }
  const host = rig.hosts[n] ?? "";
  if (id(host) === id(main)) return;
  execSync(`docker -H ${main} save ${PROXY_IMAGE} | docker -H ${host} load -q`, { stdio: "ignore" });
}

async function waitForAnswer(body: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await httpGet(PROXY_ADDRESS, PROXY_PORT).catch(() => undefined);
    if (answer?.status === 200 && answer.body.trim() === body) return true;
    await sleep(300);
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
