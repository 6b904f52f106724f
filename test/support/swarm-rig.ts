import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { inject } from "vitest";
import { type RunResult, stackOk } from "./run-stack.js";
import { type StackDir, stackDir } from "./stack-dir.js";

const run = promisify(execFile);

/** scripts/swarm-rig.sh: three dockerd engines in three network namespaces, joined as managers. */
export const SWARM_RIG_SCRIPT = fileURLToPath(new URL("../../scripts/swarm-rig.sh", import.meta.url));

/** The rig's sockets, node 1 first (the one `swarm init` ran on). */
export const SWARM_HOSTS = [1, 2, 3].map((n) => `unix:///run/stackform-swarm/node${n}.sock`);

export interface SwarmRig {
  /** DOCKER_HOST of each node. */
  hosts: string[];
  /** Runs the docker CLI against node `n` (0-based). */
  docker(n: number, ...args: string[]): string;
  /** How long `up` took, ms; about 0 when the rig was already up. */
  upMs: number;
}

/**
 * Brings the rig up for a Swarm test file, or reuses it: the first file of a run brings it up and
 * it stays up for the others (each costs ~20 s to bring up and down); test/setup/swarm-rig-global.ts
 * takes it down at the end of the run when the run brought it up.
 */
export async function startSwarmRig(): Promise<SwarmRig> {
  const started = Date.now();
  await run("bash", [SWARM_RIG_SCRIPT, "up"], { timeout: 120_000 });
  const upMs = Date.now() - started;
  return {
    hosts: SWARM_HOSTS,
    upMs,
    docker: (n, ...args) => {
      const host = SWARM_HOSTS[n];
      if (!host) throw new Error(`the rig has no node ${n}`);
      return execFileSync("docker", ["-H", host, ...args], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }).trim();
    },
  };
}

/** Takes the rig down; returns how long it took, ms. */
export async function stopSwarmRig(): Promise<number> {
  const started = Date.now();
  await run("bash", [SWARM_RIG_SCRIPT, "down"], { timeout: 120_000 });
  return Date.now() - started;
}

export async function isSwarmRigUp(): Promise<boolean> {
  try {
    await run("bash", [SWARM_RIG_SCRIPT, "status"], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes whatever a test left of a stack on the rig: services first, then (once their tasks are
 * gone from every node) networks, secrets and configs.
 */
export async function removeSwarmStack(rig: SwarmRig, stack: string): Promise<void> {
  const label = `label=com.docker.stack.namespace=${stack}`;
  const ids = rig.docker(0, "service", "ls", "-q", "--filter", label);
  if (ids) rig.docker(0, "service", "rm", ...ids.split("\n"));
  // Without their service the tasks' containers only wait out their stop grace period (10 s for a
  // `sleep` that ignores SIGTERM): removed at once, the cleanup takes a second, not ten.
  for (let n = 0; n < rig.hosts.length; n++) {
    const containers = rig.docker(n, "ps", "-aq", "--filter", label);
    if (containers) {
      try {
        rig.docker(n, "rm", "-f", ...containers.split("\n"));
      } catch {
        // Swarm removed some of them first.
      }
    }
  }
  if (!(await waitUntil(() => noContainersOf(rig, stack), 60_000)))
    throw new Error(`containers of stack ${stack} are still on the rig after 60 s`);
  const nets = rig.docker(0, "network", "ls", "-q", "--filter", label);
  const netsGone =
    !nets ||
    (await waitUntil(() => {
      try {
        rig.docker(0, "network", "rm", ...nets.split("\n"));
        return true;
      } catch {
        return false;
      }
    }, 30_000));
  if (!netsGone) throw new Error(`networks of stack ${stack} are still on the rig after 30 s: ${nets}`);
  for (const kind of ["secret", "config"]) {
    const objects = rig.docker(0, kind, "ls", "-q", "--filter", label);
    if (objects) rig.docker(0, kind, "rm", ...objects.split("\n"));
  }
}

/** True once no node runs or holds a container of `stack`. */
export function noContainersOf(rig: SwarmRig, stack: string): boolean {
  return rig.hosts.every(
    (_, n) => rig.docker(n, "ps", "-aq", "--filter", `label=com.docker.stack.namespace=${stack}`) === "",
  );
}

/** A stack file in a directory of its own, and the CLI run on it against node 1. */
export interface SwarmStack {
  name: string;
  dir: StackDir;
  ok(args: string[], expectedCode?: number, env?: Record<string, string>): Promise<RunResult>;
}

/**
 * The stacks of one test file: `stack(prefix, yaml)` makes one with a name unique to this run,
 * `removeAll()` (in `afterEach`) removes whatever the test left of them, whatever it did.
 */
export function swarmStacks(rig: () => SwarmRig) {
  const live: SwarmStack[] = [];
  return {
    stack(prefix: string, yaml: string): SwarmStack {
      const name = `e2e-sw-${prefix}-${inject("stackformRunToken") ?? ""}${randomBytes(2).toString("hex")}`;
      const dir = stackDir({ "stack.yaml": yaml });
      const stack: SwarmStack = {
        name,
        dir,
        ok: (args, expectedCode = 0, env = {}) =>
          stackOk(
            ["-n", name, ...args],
            { cwd: dir.path, env: { DOCKER_HOST: rig().hosts[0] ?? "", ...env } },
            expectedCode,
          ),
      };
      live.push(stack);
      return stack;
    },
    async removeAll(): Promise<void> {
      // Every stack is tried, whatever the others did; then every failure is reported.
      const failures: unknown[] = [];
      for (const stack of live.splice(0)) {
        try {
          await removeSwarmStack(rig(), stack.name);
        } catch (error) {
          failures.push(error);
        } finally {
          stack.dir[Symbol.dispose]();
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, "the rig kept some of this test's objects");
    },
  };
}

/** Polls `check` every 300 ms until it holds or the time is up; returns its last answer. */
export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return check();
}
