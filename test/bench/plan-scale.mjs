// `node test/bench/plan-scale.mjs`: how long plan() takes on large stacks (a benchmark, not a
// test). Needs the built planner: `pnpm exec tsc -b packages/planner`. Target: 1,000 services
// under 100 ms. `benchPlanScale()` returns the figures for a harness that wants them.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const plannerUrl = new URL("../../packages/planner/dist/index.js", import.meta.url);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

/** A stack of `n` services on two networks, every tenth with a volume and a dependency. */
export function syntheticStack(n) {
  const services = {};
  for (let i = 0; i < n; i++) {
    const name = `s${i}`;
    services[name] = {
      name,
      image: `registry.local/app-${i % 20}:1`,
      pullPolicy: "missing",
      command: ["serve", `--id=${i}`],
      environment: { INDEX: String(i), MODE: "prod", DB_PASSWORD: `secret-${i}` },
      sensitiveKeys: [],
      ports: [],
      expose: [{ port: 8080, protocol: "tcp" }],
      mounts:
        i % 10 === 0
          ? [{ type: "volume", source: `v${i}`, target: "/data", readOnly: false, noCopy: false }]
          : [],
      networks: { front: { aliases: [] }, back: { aliases: [`alias-${i}`] } },
      dependsOn:
        i > 0 && i % 10 === 0
          ? { [`s${i - 1}`]: { condition: "service_started", restart: false, required: true } }
          : {},
      healthcheck: { test: ["CMD", "true"], interval: 5e9 },
      restart: { name: "unless-stopped", maximumRetryCount: 0 },
      resources: { memoryLimit: 256 * 1024 * 1024 },
      replicas: 1,
      labels: { team: "bench" },
      extraHosts: [],
      dns: [],
      capAdd: [],
      capDrop: [],
      privileged: false,
      readOnly: false,
      tty: false,
      stdinOpen: false,
      profiles: [],
    };
  }
  const network = (key) => ({
    key,
    name: `bench_${key}`,
    external: false,
    driver: "bridge",
    driverOpts: {},
    internal: false,
    attachable: false,
    labels: {},
  });
  const volumes = {};
  for (let i = 0; i < n; i += 10)
    volumes[`v${i}`] = {
      key: `v${i}`,
      name: `bench_v${i}`,
      external: false,
      driver: "local",
      driverOpts: {},
      labels: {},
    };
  return {
    name: "bench",
    workingDir: "/bench",
    files: ["/bench/stack.yaml"],
    services,
    networks: { front: network("front"), back: network("back") },
    volumes,
    secrets: {},
    configs: {},
  };
}

/** The engine after a perfect apply: built from the plan's own create operations. */
export function matchingObserved(planner, desired) {
  const empty = { stack: desired.name, containers: [], networks: [], volumes: [], images: [] };
  const created = planner.plan(desired, empty);
  const observed = {
    ...empty,
    images: [...new Set(Object.values(desired.services).map((s) => s.image))].map((ref) => ({
      ref,
      id: `sha256:${ref}`,
    })),
  };
  for (const op of created.operations) {
    if (op.kind === "createContainer") {
      const { spec } = op;
      observed.containers.push({
        id: `id-${spec.name}`,
        name: spec.name,
        service: spec.labels["dev.stackform.service"],
        number: Number(spec.labels["dev.stackform.number"]),
        state: "running",
        health: "healthy",
        configHash: spec.labels["dev.stackform.config-hash"],
        image: spec.image,
        imageId: `sha256:${spec.image}`,
        networks: Object.fromEntries(
          spec.networks.map((n) => [n.network, { networkId: n.network, aliases: n.aliases }]),
        ),
        mounts: spec.mounts.map((m) => ({ type: m.type, source: m.source ?? "", target: m.target })),
        restart: spec.restart,
        resources: spec.resources,
        labels: spec.labels,
        // Trusted config hashes skip the field-by-field comparison; drift checks read the hostname.
        config: { hostname: spec.hostname ?? `id-${spec.name}`.slice(0, 12) },
        envDigests: Object.fromEntries(
          Object.entries(spec.env).map(([key, value]) => [
            key,
            createHash("sha256").update(`id-${spec.name}\0${value}`).digest("hex"),
          ]),
        ),
      });
    }
    if (op.kind === "createNetwork") {
      const n = op.network;
      observed.networks.push({
        id: n.name,
        name: n.name,
        stack: desired.name,
        configHash: n.labels["dev.stackform.config-hash"],
        driver: n.driver,
        internal: n.internal,
        attachable: n.attachable,
        labels: n.labels,
      });
    }
    if (op.kind === "createVolume")
      observed.volumes.push({
        name: op.volume.name,
        stack: desired.name,
        driver: op.volume.driver,
        labels: op.volume.labels,
      });
  }
  return observed;
}

function time(fn, runs) {
  for (let i = 0; i < 3; i++) fn(); // warm-up: JIT, caches
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), runs };
}

/** Times plan() for each size against an empty engine and a matching one. */
export async function benchPlanScale({ sizes = [1000, 5000], runs = 7 } = {}) {
  const planner = await import(plannerUrl.href);
  const rows = [];
  for (const services of sizes) {
    const desired = syntheticStack(services);
    const matching = matchingObserved(planner, desired);
    const empty = { stack: desired.name, containers: [], networks: [], volumes: [], images: [] };
    const fromEmpty = planner.plan(desired, empty);
    const noop = planner.plan(desired, matching);
    if (noop.operations.length !== 0)
      throw new Error(
        `the matching engine should give an empty plan, got ${noop.operations.length} operations`,
      );
    rows.push({
      services,
      observed: "empty",
      operations: fromEmpty.operations.length,
      ...time(() => planner.plan(desired, empty), runs),
    });
    rows.push({
      services,
      observed: "matching",
      operations: 0,
      ...time(() => planner.plan(desired, matching), runs),
    });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await benchPlanScale();
  const fmt = (ms) => ms.toFixed(1).padStart(8);
  console.log(`plan() scale, node ${process.version}, median of ${rows[0]?.runs} runs after 3 warm-up runs`);
  console.log("services  observed   operations   median ms    min ms    max ms");
  for (const r of rows) {
    console.log(
      `${String(r.services).padStart(8)}  ${r.observed.padEnd(9)} ${String(r.operations).padStart(11)} ${fmt(r.medianMs)}    ${fmt(r.minMs)}  ${fmt(r.maxMs)}`,
    );
  }
  const thousand = rows.filter((r) => r.services === 1000);
  const worst = Math.max(...thousand.map((r) => r.medianMs));
  console.log(
    `1,000 services: worst median ${worst.toFixed(1)} ms (target < 100 ms): ${worst < 100 ? "ok" : "TOO SLOW"}`,
  );
}
