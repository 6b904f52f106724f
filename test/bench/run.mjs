// `pnpm bench`: Stackform side by side with the raw Engine API floor and Docker Compose v1, in one
// run, with interleaved rounds and medians. Prints a table and writes test/bench/RESULTS.md.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rawFloor } from "./raw-engine-floor.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const STACK = join(root, "packages/cli/bin/stack.js");
const IMAGE = "stackform-test/busybox:1";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "20,50").split(",").map(Number);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : Number.NaN;
};

function stackYaml(n, changed = -1) {
  let out = "services:\n";
  for (let i = 0; i < n; i++) {
    out += `  s${i}:\n    image: ${IMAGE}\n    init: true\n    command: ["sleep", "3600"]\n`;
    if (i === changed) out += '    environment: { CHANGED: "1" }\n';
  }
  return out;
}

/** Runs a command, returns its wall time, and the stats line the CLI prints with STACKFORM_STATS. */
function timed(cmd, args, cwd) {
  const start = performance.now();
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, STACKFORM_STATS: "1", NO_COLOR: "1" },
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stderr}`);
  const stats = /stackform-stats (\{.*\})/.exec(r.stderr ?? "");
  return { ms, stats: stats ? JSON.parse(stats[1]) : undefined };
}

const results = {}; // key -> { ms: [], requests: [], rssKb: [] }
function record(key, { ms, stats }) {
  results[key] ??= { ms: [], requests: [], rssKb: [] };
  results[key].ms.push(ms);
  if (stats) {
    results[key].requests.push(stats.requests);
    results[key].rssKb.push(stats.max_rss_kb);
  }
}

execFileSync("bash", [join(root, "scripts/make-test-images.sh")], { stdio: "inherit" });
const work = mkdtempSync(join(tmpdir(), "stackform-bench-"));
const hasCompose = spawnSync("docker-compose", ["version"]).status === 0;

for (let round = 1; round <= ROUNDS; round++) {
  for (const n of SIZES) {
    process.stderr.write(`round ${round}/${ROUNDS}, ${n} services\n`);
    const dir = join(work, `r${round}n${n}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "stack.yaml"), stackYaml(n));
    const name = `bench${round}n${n}`;

    const floor = await rawFloor({ n, image: IMAGE, prefix: `floor${round}n${n}` });
    record(`floor up ${n}`, { ms: floor.upMs });
    record(`floor down ${n}`, { ms: floor.downMs });

    if (hasCompose) {
      const compose = ["-p", `compose${round}n${n}`, "-f", join(dir, "stack.yaml")];
      record(`compose up ${n}`, timed("docker-compose", [...compose, "up", "-d"], dir));
      record(`compose noop-up ${n}`, timed("docker-compose", [...compose, "up", "-d"], dir));
      record(`compose down ${n}`, timed("docker-compose", [...compose, "down"], dir));
    }

    const stack = (...args) => timed(process.execPath, [STACK, "-n", name, ...args], dir);
    record(`stackform apply ${n}`, stack("apply", "-y", "--progress", "plain"));
    record(`stackform noop-plan ${n}`, stack("plan"));
    record(`stackform noop-apply ${n}`, stack("apply", "-y", "--progress", "plain"));
    if (n === Math.max(...SIZES)) {
      writeFileSync(join(dir, "stack.yaml"), stackYaml(n, 0));
      record(`stackform change-one ${n}`, stack("apply", "-y", "--progress", "plain"));
    }
    record(`stackform destroy ${n}`, stack("destroy", "-y", "--progress", "plain"));
  }
  record("stackform --version", timed(process.execPath, [STACK, "--version"], root));
}
rmSync(work, { recursive: true, force: true });

// plan() alone, to show how its cost grows with the stack.
const { benchPlanScale } = await import("./plan-scale.mjs");
const planScale = await benchPlanScale({ sizes: [1000, 5000] });

const m = (key) => median(results[key]?.ms ?? []);
const reqs = (key) => median(results[key]?.requests ?? []);
const rss = (key) => median(results[key]?.rssKb ?? []);
const fmt = (ms) =>
  Number.isNaN(ms) ? "n/a" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const ratio = (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? "n/a" : `${(a / b).toFixed(2)}×`);

const rows = [];
for (const n of SIZES) {
  rows.push([
    `cold apply, ${n} services`,
    fmt(m(`stackform apply ${n}`)),
    fmt(m(`floor up ${n}`)),
    fmt(m(`compose up ${n}`)),
    ratio(m(`stackform apply ${n}`), m(`floor up ${n}`)),
    "≤ 1.10× floor",
    reqs(`stackform apply ${n}`),
    rss(`stackform apply ${n}`),
  ]);
  rows.push([
    `no-op plan, ${n}`,
    fmt(m(`stackform noop-plan ${n}`)),
    "",
    fmt(m(`compose noop-up ${n}`)),
    ratio(m(`stackform noop-plan ${n}`), m(`compose noop-up ${n}`)),
    "≤ 0.5× Compose no-op up",
    reqs(`stackform noop-plan ${n}`),
    rss(`stackform noop-plan ${n}`),
  ]);
  rows.push([
    `no-op apply, ${n}`,
    fmt(m(`stackform noop-apply ${n}`)),
    "",
    fmt(m(`compose noop-up ${n}`)),
    ratio(m(`stackform noop-apply ${n}`), m(`compose noop-up ${n}`)),
    "",
    reqs(`stackform noop-apply ${n}`),
    rss(`stackform noop-apply ${n}`),
  ]);
  if (results[`stackform change-one ${n}`])
    rows.push([
      `change one of ${n}`,
      fmt(m(`stackform change-one ${n}`)),
      "",
      "",
      "",
      "touches one service",
      reqs(`stackform change-one ${n}`),
      rss(`stackform change-one ${n}`),
    ]);
  rows.push([
    `destroy, ${n}`,
    fmt(m(`stackform destroy ${n}`)),
    fmt(m(`floor down ${n}`)),
    fmt(m(`compose down ${n}`)),
    ratio(m(`stackform destroy ${n}`), m(`floor down ${n}`)),
    "≤ 1.25× floor",
    reqs(`stackform destroy ${n}`),
    rss(`stackform destroy ${n}`),
  ]);
}
rows.push(["`stack --version`", fmt(m("stackform --version")), "", "", "", "< 150 ms", "", ""]);
for (const p of planScale)
  rows.push([
    `plan() alone, ${p.services} services, ${p.observed === "empty" ? "empty engine" : "no changes"}`,
    fmt(p.medianMs),
    "",
    "",
    "",
    p.services === 1000 ? "< 100 ms" : "",
    "",
    "",
  ]);

// Failed requests during the same update under the same load, Stackform against Compose v1.
const { benchZeroDowntime } = await import("./zero-downtime.mjs");
const zd = await benchZeroDowntime({ rounds: ROUNDS });
const zdRow = (label, runs) => {
  const pick = (k) => median(runs.map((r) => r[k]));
  return runs.length === 0
    ? `| ${label} | n/a | n/a | n/a |`
    : `| ${label} | ${pick("total")} | ${pick("failed")} | ${fmt(pick("ms"))} |`;
};
const zdTable = [
  "| tool | requests | failed | update took |",
  "| --- | --- | --- | --- |",
  zdRow("Stackform `apply` (start-first, 1 at a time, healthy gate, drain 2s)", zd.stackform),
  zdRow("Docker Compose v1 `up -d`", zd.compose),
].join("\n");

const header = [
  "measure",
  "Stackform",
  "raw API floor",
  "Compose v1",
  "ratio",
  "target",
  "API requests",
  "peak RSS (KiB)",
];
const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
const dockerVersion = spawnSync(
  "docker",
  ["version", "--format", "{{.Server.Version}} (API {{.Server.APIVersion}})"],
  { encoding: "utf8" },
).stdout.trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Docker ${dockerVersion}`;
const doc = `# Benchmark results

Written by \`pnpm bench\` (test/bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machine}. ${ROUNDS} interleaved rounds; each figure is the median. The floor is
test/bench/raw-engine-floor.mjs: the same containers created and started through the Engine API
at the same concurrency (8), then stopped (SIGTERM, as destroy stops them) and removed at
destroy's concurrency (16). Ratios compare medians of the same run.

${table}

## Failed requests during an update

examples/zero-downtime (nginx in front of a 2-replica app), \`APP_VERSION\` v1 → v2, under the same
load: 4 clients on loopback, a fresh connection per request, from 0.5 s before the update to 1 s
after it (test/bench/zero-downtime.mjs). Medians of ${ROUNDS} rounds.

${zdTable}
`;
writeFileSync(join(root, "test/bench/RESULTS.md"), doc);
process.stdout.write(`${doc}\n`);
