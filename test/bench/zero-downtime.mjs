// Failed requests during the same update under the same load: Stackform's rolling update against
// Docker Compose v1's `up -d`, on examples/zero-downtime (an nginx proxy in front of 2 replicas).
// `node test/bench/zero-downtime.mjs` runs it alone; run.mjs includes it in `pnpm bench`.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const STACK = join(root, "packages/cli/bin/stack.js");
const example = join(root, "examples/zero-downtime");

/** Four clients, a fresh connection per request, until stopped: total and failed requests. */
function load(port) {
  let running = true;
  const counts = { total: 0, failed: 0, failures: {} };
  const failed = (why) => {
    counts.failed++;
    counts.failures[why] = (counts.failures[why] ?? 0) + 1;
  };
  // Counted on the request's `close`, which comes whatever happened (a connection cut in the
  // middle of an answer emits neither `end` nor always `error`); by then `complete` says whether
  // the whole answer arrived, though its `end` may still be on the way.
  const one = () =>
    new Promise((resolve) => {
      let response;
      let error;
      const request = http.get(
        { host: "127.0.0.1", port, path: "/", agent: false, timeout: 10_000 },
        (res) => {
          response = res;
          res.resume();
          res.on("error", () => {});
        },
      );
      request.on("timeout", () => request.destroy(new Error("timed out")));
      request.on("error", (e) => {
        error = e;
      });
      request.on("close", () => {
        counts.total++;
        if (!response) failed(error?.code ?? error?.message ?? "no answer");
        else if (!response.complete) failed("answer cut off");
        else if (response.statusCode !== 200) failed(`HTTP ${response.statusCode}`);
        resolve();
      });
    });
  const clients = Array.from({ length: 4 }, async () => {
    while (running) await one();
  });
  return async () => {
    running = false;
    await Promise.all(clients);
    return counts;
  };
}

const run = (cmd, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")}: ${code}\n${stderr}`)),
    );
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The update (APP_VERSION v1 → v2) under load, by `update`; returns the counts and its time. */
async function measure(up, port) {
  await up("v1");
  await sleep(1000);
  const stop = load(port);
  await sleep(500);
  const started = performance.now();
  await up("v2");
  const ms = performance.now() - started;
  await sleep(1000);
  return { ...(await stop()), ms };
}

const proxyTag = () =>
  createHash("sha256")
    .update(readFileSync(join(example, "proxy/Dockerfile")))
    .update(readFileSync(join(example, "proxy/default.conf")))
    .digest("hex")
    .slice(0, 12);

export async function benchZeroDowntime({ rounds = 1, port = 18191 } = {}) {
  execFileSync("bash", [join(root, "scripts/make-debian-images.sh")], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "stackform-zd-"));
  const yaml = readFileSync(join(example, "stack.yaml"), "utf8")
    .replace(/^name: .*$/m, "")
    .replace("build: ./proxy", `build: ${join(example, "proxy")}`)
    // Tagged by content: an image already under the example's tag would be used as is.
    .replace("zero-downtime-proxy:1", `zero-downtime-proxy:bench-${proxyTag()}`);
  writeFileSync(join(dir, "stack.yaml"), yaml);
  const hasCompose = (() => {
    try {
      execFileSync("docker-compose", ["version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  const results = { stackform: [], compose: [] };
  try {
    for (let round = 1; round <= rounds; round++) {
      const name = `benchzd${round}`;
      const env = (version) => ({ ...process.env, PROXY_PORT: String(port), APP_VERSION: version });
      try {
        results.stackform.push(
          await measure(
            (v) =>
              run(process.execPath, [STACK, "-n", name, "apply", "-y", "--progress", "plain"], {
                cwd: dir,
                env: env(v),
              }),
            port,
          ),
        );
      } finally {
        await run(process.execPath, [STACK, "-n", name, "destroy", "-y", "--progress", "plain"], {
          cwd: dir,
        }).catch(() => {});
      }
      if (!hasCompose) continue;
      const compose = ["-p", `compose${name}`, "-f", join(dir, "stack.yaml")];
      try {
        results.compose.push(
          await measure(
            (v) => run("docker-compose", [...compose, "up", "-d"], { cwd: dir, env: env(v) }),
            port,
          ),
        );
      } finally {
        await run("docker-compose", [...compose, "down"], { cwd: dir, env: env("v1") }).catch(() => {});
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  console.log(JSON.stringify(await benchZeroDowntime({ rounds })));
}
