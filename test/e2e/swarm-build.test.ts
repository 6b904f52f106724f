import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { REGISTRY_PASSWORD, REGISTRY_USER, startRegistry, type TestRegistry } from "../support/registry.js";
import { stackOk } from "../support/run-stack.js";
import { type StackDir, stackDir } from "../support/stack-dir.js";
import { removeSwarmStack, type SwarmRig, startSwarmRig, waitUntil } from "../support/swarm-rig.js";

/**
 * `build:` on the Swarm target: the image is built on the manager Stackform talks to, pushed to a
 * registry the nodes pull from (a docker-registry with htpasswd on the rig's bridge, 10.231.0.1,
 * which the rig's engines allow over plain HTTP), and the service runs it by digest.
 */
let rig: SwarmRig;
let registry: TestRegistry;
let dockerConfig: string;
const timings: Record<string, number> = {};

beforeAll(async () => {
  rig = await startSwarmRig();
  registry = await startRegistry("10.231.0.1");
  dockerConfig = registry.cliConfig(REGISTRY_USER, REGISTRY_PASSWORD);
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  process.stderr.write(`swarm build timings (ms): ${JSON.stringify(timings)}\n`);
}, 120_000);

const live: { name: string; dir: StackDir; repository: string }[] = [];
afterEach(async () => {
  for (const stack of live.splice(0)) {
    await removeSwarmStack(rig, stack.name);
    // The built and pulled images go from every node (the registry goes with its directory).
    for (let n = 0; n < rig.hosts.length; n++) {
      const images = rig.docker(n, "image", "ls", "-q", `${registry.host}/${stack.repository}`);
      if (images) rig.docker(n, "image", "rm", "-f", ...new Set(images.split("\n")));
    }
    stack.dir[Symbol.dispose]();
  }
}, 120_000);

describe("build: on a Swarm", () => {
  it("builds on the manager, pushes, runs the pushed digest on the nodes, plans clean, and rolls out a changed context", async () => {
    const token = `${inject("stackformRunToken") ?? ""}${randomBytes(2).toString("hex")}`;
    const name = `e2e-sw-build-${token}`;
    const repository = `e2e/app-${token}`;
    const ref = `${registry.host}/${repository}:1`;
    const dir = stackDir({
      "stack.yaml": `
x-stackform: { target: swarm }
services:
  app:
    image: ${ref}
    build: .
    command: ["sh", "-c", "cat /version; trap 'exit 0' TERM; while true; do sleep 1; done"]
    stop_grace_period: 1s
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      update_config: { parallelism: 3, order: start-first }
`,
      Dockerfile: "FROM stackform-test/busybox:1\nCOPY version /version\n",
      version: "v1\n",
      ".dockerignore": "notes.txt\n",
    });
    live.push({ name, dir, repository });
    const stack = (args: string[], code = 0) =>
      stackOk(
        ["-n", name, ...args],
        { cwd: dir.path, env: { DOCKER_HOST: rig.hosts[0], DOCKER_CONFIG: dockerConfig } },
        code,
      );

    const planned = await stack(["plan", "--detailed-exitcode"], 2);
    expect(planned.stdout).toMatch(/\+ image .*app-[0-9a-z]+:1/);
    expect(planned.stdout).toContain("(digest known after push)");

    let t = Date.now();
    const applied = await stack(["apply", "-y", "--wait-timeout", "60s"]);
    timings["build, push, deploy 3 replicas"] = Date.now() - t;
    expect(applied.stderr).toMatch(/built image .* on the manager/);
    expect(applied.stderr).toMatch(/service .*_app: 3\/3 running/);

    const image = () =>
      rig.docker(
        0,
        "service",
        "inspect",
        "--format",
        "{{.Spec.TaskTemplate.ContainerSpec.Image}}",
        `${name}_app`,
      );
    const first = image();
    expect(first).toMatch(new RegExp(`^${escapeRegExp(ref)}@sha256:[0-9a-f]{64}$`));
    // The digest is the one the registry holds for the tag: what was pushed is what runs.
    expect(first.split("@")[1]).toBe(await manifestDigest(registry.host, repository, "1"));
    const nodes = runningNodes(name);
    expect(nodes.size).toBeGreaterThanOrEqual(2);
    // Nodes other than the manager had no copy: they pulled it from the registry.
    expect(rig.docker(1, "image", "ls", "-q", `${registry.host}/${repository}`)).not.toBe("");

    t = Date.now();
    expect((await stack(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");
    timings["no-op plan with a build"] = Date.now() - t;
    // A file .dockerignore leaves out is not part of the image: still no changes.
    dir.write("notes.txt", "scratch\n");
    expect((await stack(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");

    const id = rig.docker(0, "service", "inspect", "--format", "{{.ID}}", `${name}_app`);
    dir.write("version", "v2\n");
    const changed = await stack(["plan", "--detailed-exitcode"], 2);
    expect(changed.stdout).toMatch(/~ image .*app-[0-9a-z]+:1/);
    expect(changed.stdout).toMatch(
      /~ service app[\s\S]*image: ".*@sha256:[0-9a-f]{64}" → ".*@\(digest known after push\)"/,
    );
    t = Date.now();
    await stack(["apply", "-y", "--wait-timeout", "60s"]);
    timings["rebuild, push, rolling update"] = Date.now() - t;
    const second = image();
    expect(second).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    expect(second.split("@")[1]).toBe(await manifestDigest(registry.host, repository, "1"));
    expect(rig.docker(0, "service", "inspect", "--format", "{{.ID}}", `${name}_app`)).toBe(id);
    expect(rig.docker(0, "service", "inspect", "--format", "{{.UpdateStatus.State}}", `${name}_app`)).toBe(
      "completed",
    );
    expect(
      await waitUntil(() => {
        const logs = execFileSync(
          "docker",
          ["-H", rig.hosts[0] ?? "", "service", "logs", "--raw", `${name}_app`],
          {
            encoding: "utf8",
          },
        );
        return logs.split("\n").filter((l) => l === "v2").length >= 3;
      }, 30_000),
    ).toBe(true);
    expect((await stack(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");

    // A saved plan builds the context it was reviewed with: one edited since is refused.
    dir.write("version", "v3\n");
    // Outside the context: a file written into it would be part of the context too.
    const saved = join(mkdtempSync(join(tmpdir(), "swarm-build-plan-")), "v3.json");
    await stack(["plan", "--out", saved], 0);
    dir.write("version", "v4\n");
    const stale = await stack(["apply", saved], 1);
    rmSync(dirname(saved), { recursive: true, force: true });
    expect(stale.stderr).toMatch(/saved plan is stale: the build context of image .* changed/);
    expect(image()).toBe(second);
    for (const out of [planned, applied, changed]) {
      expect(out.stdout + out.stderr).not.toContain(REGISTRY_PASSWORD);
    }
  });

  it("refuses a build: service whose image names no registry, with a hint, before touching the Swarm", async () => {
    const dir = stackDir({
      "stack.yaml": "x-stackform: { target: swarm }\nservices:\n  app:\n    build: .\n",
      Dockerfile: "FROM stackform-test/busybox:1\n",
    });
    try {
      const result = await stackOk(
        ["-n", "e2e-sw-noreg", "plan"],
        { cwd: dir.path, env: { DOCKER_HOST: rig.hosts[0] } },
        1,
      );
      expect(result.stderr).toMatch(/service app has build: but no image:/);
      expect(result.stderr).toMatch(/pushes it and deploys it by digest/);
    } finally {
      dir[Symbol.dispose]();
    }
  });
});

function runningNodes(stack: string): Set<string> {
  const lines = rig
    .docker(
      0,
      "service",
      "ps",
      `${stack}_app`,
      "--filter",
      "desired-state=running",
      "--format",
      "{{.Node}} {{.CurrentState}}",
    )
    .split("\n");
  return new Set(lines.filter((l) => l.includes("Running")).map((l) => l.split(" ")[0] ?? ""));
}

/** The digest the registry serves for a tag (`Docker-Content-Digest` of its manifest). */
function manifestDigest(host: string, repository: string, tag: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `http://${host}/v2/${repository}/manifests/${tag}`,
      {
        method: "HEAD",
        headers: {
          Authorization: `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString("base64")}`,
          Accept: "application/vnd.docker.distribution.manifest.v2+json",
        },
      },
      (res) => {
        res.resume();
        resolve(String(res.headers["docker-content-digest"] ?? `status ${res.statusCode}`));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
