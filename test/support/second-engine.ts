import { execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { dirname } from "node:path";
import type { TlsCerts } from "./tls-certs.js";

/**
 * A second Docker engine beside the main one, so connection tests can prove a command acted on
 * the engine it was pointed at and not the local one. It listens on TLS-verified TCP
 * (127.0.0.1:PORT) and on a unix socket, with its own data root, exec root and pidfile. Its
 * default bridge is an interface of its own (`--bridge=none` would make dockerd delete the main
 * engine's docker0 at start-up), it leaves iptables alone, and its user-defined networks come
 * from a pool the main engine does not use.
 */
export interface SecondEngine {
  /** `tcp://127.0.0.1:PORT` (TLS with client certificates). */
  tcpHost: string;
  port: number;
  /** `unix:///run/stackform-test/docker2.sock`, for checking it with the docker CLI without TLS. */
  unixHost: string;
  /** Runs the docker CLI against this engine over its unix socket. */
  docker(...args: string[]): string;
  /**
   * Restarts this dockerd as a service manager would: SIGTERM, wait for it to exit (it stops its
   * containers first), then start it again with the same settings and wait until it answers.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const SECOND_ENGINE_DIR = "/run/stackform-test";
export const SECOND_ENGINE_SOCKET = `${SECOND_ENGINE_DIR}/docker2.sock`;
const PIDFILE = `${SECOND_ENGINE_DIR}/docker2.pid`;
const EXEC_ROOT = `${SECOND_ENGINE_DIR}/docker2-exec`;
const DATA_ROOT = "/var/lib/stackform-test/docker2";
const LOG = "/var/log/stackform-docker2.log";
const CONFIG_FILE = `${SECOND_ENGINE_DIR}/docker2-daemon.json`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the engine (stopping one a crashed run left behind first) and loads `images` into it
 * from the main engine with `docker save | docker load`.
 */
export async function startSecondEngine(certs: TlsCerts, images: string[] = []): Promise<SecondEngine> {
  await stopStale();
  mkdirSync(SECOND_ENGINE_DIR, { recursive: true });
  mkdirSync(DATA_ROOT, { recursive: true });
  // An empty config file: /etc/docker/daemon.json is the main engine's.
  writeFileSync(CONFIG_FILE, "{}\n");
  const port = await freePort();
  const tcpHost = `tcp://127.0.0.1:${port}`;
  const unixHost = `unix://${SECOND_ENGINE_SOCKET}`;
  const args = [
    `--config-file=${CONFIG_FILE}`,
    `--data-root=${DATA_ROOT}`,
    `--exec-root=${EXEC_ROOT}`,
    `--pidfile=${PIDFILE}`,
    `-H=${unixHost}`,
    `-H=${tcpHost}`,
    "--tlsverify",
    `--tlscacert=${certs.server.ca}`,
    `--tlscert=${certs.server.cert}`,
    `--tlskey=${certs.server.key}`,
    `--bridge=${BRIDGE}`,
    "--iptables=false",
    "--ip-masq=false",
    "--ip-forward=false",
    "--userland-proxy=false",
    "--default-address-pool=base=10.213.0.0/16,size=24",
    "--cgroup-parent=stackform-docker2",
  ];
  ensureBridge();
  const docker = (...cli: string[]) =>
    execFileSync("docker", ["-H", unixHost, ...cli], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  const engine: SecondEngine = {
    tcpHost,
    port,
    unixHost,
    docker,
    restart: async () => {
      if (!(await killFromPidfile())) throw new Error(`no second dockerd to restart; its log:\n${tail(LOG)}`);
      // dockerd 20.10 starting on a data root that already has a default bridge network, with
      // default address pools configured, deletes the interface named docker0 (the MAIN engine's;
      // daemon_unix.go, removeDefaultBridgeInterface) whatever --bridge says. So it restarts
      // without the pool flag: its networks keep their subnets, and new ones come from the
      // built-in pools, which skip subnets already routed on the host (the main engine's).
      await launch(
        args.filter((arg) => !arg.startsWith("--default-address-pool")),
        engine,
      );
    },
    stop: () => stopEngine(docker),
  };
  await launch(args, engine);
  for (const image of images) {
    execFileSync(
      "sh",
      [
        "-c",
        `docker -H unix:///var/run/docker.sock save "$1" | docker -H "$2" load -q`,
        "sh",
        image,
        unixHost,
      ],
      {
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
  }
  return engine;
}

/** Spawns dockerd with `args` and waits until it answers on its socket. */
async function launch(args: string[], engine: SecondEngine): Promise<void> {
  const log = openSync(LOG, "a");
  const child = spawn("dockerd", args, { detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  child.unref();
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  child.once("error", (error) => {
    exited = -1;
    writeFileSync(LOG, `spawning dockerd failed: ${error.message}\n`, { flag: "a" });
  });
  const deadline = Date.now() + 60_000;
  while (!(await pings(SECOND_ENGINE_SOCKET))) {
    if (exited !== undefined || Date.now() > deadline) {
      await engine.stop();
      throw new Error(`the second dockerd did not start (exit ${exited ?? "none"}); its log:\n${tail(LOG)}`);
    }
    await sleep(200);
  }
}

const BRIDGE = "sf-docker2";

/** dockerd's --bridge must name an existing interface: made here, deleted when the engine stops. */
function ensureBridge(): void {
  execFileSync("sh", [
    "-c",
    `ip link show ${BRIDGE} >/dev/null 2>&1 || { ip link add name ${BRIDGE} type bridge && ip addr add 10.214.0.1/24 dev ${BRIDGE}; }; ip link set ${BRIDGE} up`,
  ]);
}

/** Removes every container, stops dockerd (and the containerd it started), removes its directories. */
async function stopEngine(docker: (...args: string[]) => string): Promise<void> {
  try {
    const ids = docker("ps", "-aq").split("\n").filter(Boolean);
    if (ids.length > 0) docker("rm", "-f", "-v", ...ids);
  } catch {
    // Not answering: stop it all the same.
  }
  await killFromPidfile();
  unmountUnder(DATA_ROOT);
  unmountUnder(EXEC_ROOT);
  rmSync(DATA_ROOT, { recursive: true, force: true });
  rmSync(EXEC_ROOT, { recursive: true, force: true });
  rmSync(SECOND_ENGINE_SOCKET, { force: true });
  rmSync(CONFIG_FILE, { force: true });
  rmSync(PIDFILE, { force: true });
  execFileSync("sh", ["-c", `ip link del ${BRIDGE} 2>/dev/null || true`]);
  removeIfEmpty(SECOND_ENGINE_DIR);
  removeIfEmpty(dirname(DATA_ROOT));
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (another helper's files) or already gone.
  }
}

async function stopStale(): Promise<void> {
  if (existsSync(PIDFILE) || existsSync(DATA_ROOT)) await stopEngine(() => "");
}

/** SIGTERM (SIGKILL after 30 s) to the dockerd in the pidfile; false when there was none. */
async function killFromPidfile(): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(readFileSync(PIDFILE, "utf8").trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isDockerd(pid)) return false;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 30_000;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, "SIGKILL");
      await sleep(500);
      break;
    }
    await sleep(100);
  }
  return true;
}

/** Only ever signal the dockerd this helper started (the pidfile could be stale and the pid reused). */
function isDockerd(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`--pidfile=${PIDFILE}`);
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** dockerd unmounts its layers when it stops; a killed one may leave mounts behind. */
function unmountUnder(dir: string): void {
  let mounts: string[];
  try {
    mounts = readFileSync("/proc/self/mounts", "utf8")
      .split("\n")
      .map((line) => line.split(" ")[1] ?? "")
      .filter((mount) => mount.startsWith(`${dir}/`))
      .reverse();
  } catch {
    return;
  }
  for (const mount of mounts) {
    try {
      execFileSync("umount", ["-l", mount], { stdio: "ignore" });
    } catch {
      // Already gone.
    }
  }
}

function pings(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: "/_ping", timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const SECOND_ENGINE_LOG = LOG;
