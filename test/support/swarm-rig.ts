import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

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
  /** How long `up` took, ms. */
  upMs: number;
  /** Tears the rig down if this call brought it up; returns how long it took, ms (0 when it was left up). */
  stop(): Promise<number>;
}

/**
 * Brings the rig up (idempotent: a rig already up is reused and left up) for the Swarm test files.
 * Usable from a vitest `globalSetup` (call it in `setup`, `stop` in the returned teardown) or from
 * `beforeAll`/`afterAll` of one file.
 */
export async function startSwarmRig(): Promise<SwarmRig> {
  const wasUp = await isUp();
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
    stop: async () => {
      if (wasUp) return 0;
      const t = Date.now();
      await run("bash", [SWARM_RIG_SCRIPT, "down"], { timeout: 120_000 });
      return Date.now() - t;
    },
  };
}

async function isUp(): Promise<boolean> {
  try {
    await run("bash", [SWARM_RIG_SCRIPT, "status"], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** A vitest globalSetup: the rig up for the run, down after it (unless it was already up). */
export default async function setup(): Promise<() => Promise<void>> {
  const rig = await startSwarmRig();
  return async () => {
    await rig.stop();
  };
}
