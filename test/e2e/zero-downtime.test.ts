import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { containersOf, docker } from "../support/docker-cli.js";
import { type E2EStack, e2eStack } from "../support/e2e-stack.js";
import { loadLoop } from "../support/load-loop.js";
import { STACK_BIN } from "../support/run-stack.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const example = `${root}examples/zero-downtime`;

/**
 * An image under the proxy's tag is used as is, so the tests tag it by the content of the proxy's
 * files: a change to them builds anew (the apt layer stays cached), an unchanged proxy is reused.
 */
const proxyTag = createHash("sha256")
  .update(readFileSync(`${example}/proxy/Dockerfile`))
  .update(readFileSync(`${example}/proxy/default.conf`))
  .digest("hex")
  .slice(0, 12);

/** The example's stack file, with the proxy's build context made absolute and no `name:` (the test names it). */
function exampleYaml(edit: (yaml: string) => string = (y) => y): string {
  const yaml = readFileSync(`${example}/stack.yaml`, "utf8")
    .replace(/^name: .*$/m, "")
    .replace("build: ./proxy", `build: ${example}/proxy`)
    .replace("zero-downtime-proxy:1", `zero-downtime-proxy:test-${proxyTag}`);
  return edit(yaml);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Applies under load: the load starts before the apply and runs 1 s past its end. */
async function applyUnderLoad(stack: E2EStack, port: number, env: Record<string, string>, expectedCode = 0) {
  const traffic = loadLoop("127.0.0.1", port);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const started = Date.now();
  const run = await stack.run(["apply", "-y", "--progress", "plain"], env);
  const elapsedMs = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const counts = await traffic.stop();
  expect(run.code, run.stderr).toBe(expectedCode);
  return { run, counts, elapsedMs };
}

const report = (test: string, figures: object) =>
  console.log(`zero-downtime ${test}: ${JSON.stringify(figures)}`);

// Generous: each test is ~15–25 s here, but a loaded machine slows every rollout gate.
describe("updates without downtime (examples/zero-downtime)", { timeout: 240_000 }, () => {
  beforeAll(() => {
    // The proxy builds FROM the Debian base; made once and cached by tag.
    execFileSync("bash", [`${root}scripts/make-debian-images.sh`], { stdio: "inherit" });
  }, 300_000);

  it("changes the app's environment with 0 failed requests, one replica at a time", async () => {
    const env = { PROXY_PORT: String(await freePort()) };
    const stack = e2eStack("zd-env", exampleYaml());
    await stack.ok(["apply", "-y"], 0, env);

    const v2 = { ...env, APP_VERSION: "v2" };
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2, v2);
    expect(plan.stdout).toContain("start-first, 1 at a time, gate: healthy, drain 2s");
    const { run, counts, elapsedMs } = await applyUnderLoad(stack, Number(env.PROXY_PORT), v2);
    report("environment change", { ...counts, applyMs: elapsedMs });
    expect(run.stderr).toContain("Drained");
    expect(counts.failed).toBe(0);
    expect(counts.bodies.v2).toBeGreaterThan(0);
    expect(containersOf(stack.name)).toEqual(["app-1", "app-2", "proxy-1"].map((n) => `${stack.name}-${n}`));
    await stack.ok(["plan", "--detailed-exitcode"], 0, v2);
  });

  it("rolls back a version whose healthcheck fails: 0 failed requests, the old version still answers", async () => {
    const env = { PROXY_PORT: String(await freePort()) };
    const stack = e2eStack("zd-rollback", exampleYaml());
    await stack.ok(["apply", "-y"], 0, env);
    const ids = () => docker("inspect", "--format", "{{.Id}}", `${stack.name}-app-1`, `${stack.name}-app-2`);
    const before = ids();

    // Listens on the wrong port: running, but its healthcheck never passes.
    stack.write(exampleYaml((y) => y.replace("-p 8080 -h /www", "-p 8081 -h /www")));
    const { run, counts } = await applyUnderLoad(stack, Number(env.PROXY_PORT), env, 1);
    report("failing healthcheck, rolled back", counts);
    expect(run.stderr).toContain("did not pass its gate");
    expect(run.stderr).toContain("rolled back");
    expect(`${run.stdout}${run.stderr}`).toContain("The failed rolling update was rolled back");
    expect(counts.failed).toBe(0);
    expect(Object.keys(counts.bodies)).toEqual(["v1"]);
    // The old containers themselves still serve, under their names; nothing new or set aside is left.
    expect(ids()).toBe(before);
    expect(containersOf(stack.name)).toEqual(["app-1", "app-2", "proxy-1"].map((n) => `${stack.name}-${n}`));
  });

  it("scales from 2 to 4 and back with 0 failed requests", async () => {
    const env = { PROXY_PORT: String(await freePort()) };
    const scaled = (n: number) => exampleYaml((y) => y.replace("replicas: 2", `replicas: ${n}`));
    const stack = e2eStack("zd-scale", scaled(2));
    await stack.ok(["apply", "-y"], 0, env);

    stack.write(scaled(4));
    const up = await applyUnderLoad(stack, Number(env.PROXY_PORT), env);
    stack.write(scaled(2));
    const down = await applyUnderLoad(stack, Number(env.PROXY_PORT), env);
    report("scale 2→4", up.counts);
    report("scale 4→2", down.counts);
    expect(up.counts.failed).toBe(0);
    expect(down.counts.failed).toBe(0);
    expect(containersOf(stack.name)).toEqual(["app-1", "app-2", "proxy-1"].map((n) => `${stack.name}-${n}`));
  });

  it("converges after kill -9 in the middle of a rollout, with no container lost", async () => {
    const env = { PROXY_PORT: String(await freePort()) };
    const stack = e2eStack("zd-kill", exampleYaml());
    await stack.ok(["apply", "-y"], 0, env);

    // Killed once the first replica's old container is set aside: it exists only under that name.
    const child = spawn(
      process.execPath,
      [STACK_BIN, "-n", stack.name, "apply", "-y", "--progress", "plain"],
      {
        cwd: stack.dir,
        env: { ...process.env, ...env, APP_VERSION: "v2" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    await new Promise<void>((resolve) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/app-1: Set the old container aside/.test(stderr) && child.kill("SIGKILL")) resolve();
      });
      child.once("exit", () => resolve());
    });
    await new Promise((resolve) =>
      child.exitCode === null && child.signalCode === null ? child.once("exit", resolve) : resolve(null),
    );
    expect(child.signalCode, stderr).toBe("SIGKILL");
    const left = containersOf(stack.name);
    report("killed mid-rollout, containers left", { left: left.map((n) => n.slice(stack.name.length + 1)) });

    const { counts } = await applyUnderLoad(stack, Number(env.PROXY_PORT), { ...env, APP_VERSION: "v2" });
    report("recovery apply after kill -9", counts);
    expect(counts.failed).toBe(0);
    expect(containersOf(stack.name)).toEqual(["app-1", "app-2", "proxy-1"].map((n) => `${stack.name}-${n}`));
    await stack.ok(["plan", "--detailed-exitcode"], 0, { ...env, APP_VERSION: "v2" });
  });

  it("updates a service on a fixed host port stop-first, says why, and measures the gap", async () => {
    const port = await freePort();
    const web = (version: string) => `services:
  web:
    image: stackform-test/busybox:1
    init: true
    command: sh -c 'mkdir -p /www && echo ${version} > /www/index.html && exec httpd -f -p 8080 -h /www'
    ports: ["127.0.0.1:${port}:8080"]
    healthcheck:
      test: nc -w 1 127.0.0.1 8080 </dev/null
      interval: 1s
      timeout: 1s
      retries: 3
`;
    const stack = e2eStack("zd-port", web("v1"));
    await stack.ok(["apply", "-y"]);
    stack.write(web("v2"));
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain(`stop-first: host port ${port} can be bound by one container at a time`);
    const { counts, elapsedMs } = await applyUnderLoad(stack, port, {});
    report("fixed host port, stop-first", { ...counts, applyMs: elapsedMs });
    // Stop-first has a gap by nature: it is measured, not hidden.
    expect(counts.bodies.v2).toBeGreaterThan(0);
    expect(counts.longestGapMs).toBeGreaterThan(0);
  });
});
