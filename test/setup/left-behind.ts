// Why: every engine test cleans up after itself; this proves it, once per run. What existed before the
// run (or belongs to another test run on the same engine) is not this run's to report.
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

const STACK_LABEL = "dev.stackform.stack";
const KINDS = ["container", "network", "volume"] as const;
type Kind = (typeof KINDS)[number];

/** Ids (volumes: names) of every object on the engine, by kind. */
export type EngineObjects = Record<Kind, Set<string>>;

/** Test runs on this machine, so that one run does not report what another has in flight. */
const RUNS = join(tmpdir(), "stackform-engine-test-runs");
const DAY_MS = 24 * 3600 * 1000;

interface RunMarker {
  pid: number;
  /** The run's token, the part of its stack names that tells its objects apart. */
  token: string;
  start: number;
  end?: number;
}

let started = 0;

async function docker(args: string[]): Promise<string> {
  const { stdout } = await run("docker", args, { encoding: "utf8", timeout: 60_000, maxBuffer: 64 << 20 });
  return stdout;
}

async function ids(kind: Kind): Promise<string[]> {
  const args =
    kind === "container"
      ? ["ps", "-aq", "--no-trunc"]
      : kind === "network"
        ? ["network", "ls", "-q", "--no-trunc"]
        : ["volume", "ls", "-q"];
  return (await docker(args)).split("\n").filter(Boolean);
}

const writeMarker = (marker: RunMarker): void =>
  writeFileSync(join(RUNS, `${marker.pid}.json`), JSON.stringify(marker));

/** What the engine holds now; also marks this run as in progress for the runs beside it. */
export async function snapshotEngine(token: string): Promise<EngineObjects> {
  started = Date.now();
  mkdirSync(RUNS, { recursive: true });
  writeMarker({ pid: process.pid, token, start: started });
  const [containers, networks, volumes] = await Promise.all(KINDS.map(ids));
  return { container: new Set(containers), network: new Set(networks), volume: new Set(volumes) };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Another test run was active at some point since this one started: unlabelled objects are ambiguous. */
function othersOverlapped(now: number): boolean {
  let overlapped = false;
  for (const file of readdirSync(RUNS)) {
    const path = join(RUNS, file);
    try {
      const marker = JSON.parse(readFileSync(path, "utf8")) as RunMarker;
      if (marker.pid === process.pid) continue;
      // Without an end, a run still going lasts until now; a killed one until its marker was last written.
      const end = marker.end ?? (alive(marker.pid) ? now : statSync(path).mtimeMs);
      if (end < now - DAY_MS) rmSync(path, { force: true });
      else if (marker.start <= now && end >= started) overlapped = true;
    } catch {
      // Half-written or removed by its run meanwhile: not worth failing over.
    }
  }
  return overlapped;
}

interface Leftover {
  kind: Kind;
  id: string;
  name: string;
  stack?: string;
}

async function describe(kind: Kind, id: string): Promise<Leftover | undefined> {
  const format = kind === "volume" ? "{{.Name}}\t{{json .Labels}}" : "{{.Name}}\t{{json .Config.Labels}}";
  const network = "{{.Name}}\t{{json .Labels}}";
  try {
    const out = await docker([kind, "inspect", "--format", kind === "network" ? network : format, id]);
    const [name = id, labels = "null"] = out.trim().split("\t");
    const stack = (JSON.parse(labels) as Record<string, string> | null)?.[STACK_LABEL];
    return { kind, id, name: name.replace(/^\//, ""), ...(stack === undefined ? {} : { stack }) };
  } catch {
    return undefined; // gone meanwhile
  }
}

interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
}

/**
 * The stack of the container that mounted each volume since the run started, from the engine's
 * events: an anonymous volume has no label, and its containers are gone by now.
 */
async function volumeStacks(now: number): Promise<Map<string, string>> {
  const out = await docker([
    "events",
    ...["--since", (started / 1000).toFixed(3), "--until", (now / 1000).toFixed(3)],
    ...["--filter", "type=container", "--filter", "type=volume"],
    ...["--filter", "event=create", "--filter", "event=mount", "--format", "{{json .}}"],
  ]);
  const containerStacks = new Map<string, string>();
  const mounts: [string, string][] = [];
  for (const line of out.split("\n").filter(Boolean)) {
    const event = JSON.parse(line) as EngineEvent;
    const attributes = event.Actor.Attributes ?? {};
    const stack = attributes[STACK_LABEL];
    if (event.Type === "container" && event.Action === "create" && stack)
      containerStacks.set(event.Actor.ID, stack);
    if (event.Type === "volume" && event.Action === "mount" && attributes.container)
      mounts.push([event.Actor.ID, attributes.container]);
  }
  const stacks = new Map<string, string>();
  for (const [volume, container] of mounts) {
    const stack = containerStacks.get(container);
    if (stack) stacks.set(volume, stack);
  }
  return stacks;
}

/**
 * What appeared on the engine since `before` and is still there, attributed to this run: with no
 * other test run beside it, everything new; otherwise only objects of stacks named with `token`
 * (an unlabelled volume belongs to the stack whose container mounted it).
 * Returns the report to fail with, or `undefined` when nothing was left.
 */
export async function leftBehind(before: EngineObjects, token: string): Promise<string | undefined> {
  const now = Date.now();
  const shared = othersOverlapped(now);
  writeMarker({ pid: process.pid, token, start: started, end: now });
  const found: Leftover[] = [];
  let unattributed = 0;
  const mountedBy = await volumeStacks(now);
  for (const kind of KINDS) {
    const fresh = (await ids(kind)).filter((id) => !before[kind].has(id));
    for (const id of fresh) {
      const object = await describe(kind, id);
      if (!object) continue;
      const stack = object.stack ?? (kind === "volume" ? mountedBy.get(id) : undefined);
      if (stack !== undefined) object.stack = stack;
      // Lock containers carry the stack in their name; a volume's hex name may hold the token by chance.
      const named = kind !== "volume" && object.name.includes(token);
      if (!shared || object.stack?.includes(token) || named) found.push(object);
      else unattributed += 1;
    }
  }
  if (unattributed > 0)
    process.stderr.write(
      `engine check: ${unattributed} object(s) appeared while another test run shared the engine; not attributed to this run\n`,
    );
  if (found.length === 0) return undefined;
  const lines = found.map(
    (o) =>
      `  ${o.kind} ${o.name}${o.name === o.id ? "" : ` (${o.id.slice(0, 12)})`}${o.stack ? ` of stack ${o.stack}` : ""}`,
  );
  return `The engine tests left ${found.length} object(s) of their own on the engine:\n${lines.join("\n")}\nFind the test that made them and clean up in its afterEach/afterAll.`;
}
