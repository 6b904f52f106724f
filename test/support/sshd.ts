import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, SECOND_ENGINE_SOCKET } from "./second-engine.js";

/**
 * An sshd on 127.0.0.1:PORT for `ssh://` tests, run from a generated config in a temp directory:
 * its own ed25519 host key, root allowed in with one generated client key (a temp
 * AuthorizedKeysFile, so /root/.ssh is untouched), and `SetEnv DOCKER_HOST=…` so the
 * `docker system dial-stdio` that Stackform runs there reaches the second engine.
 *
 * Also an ssh-agent holding the client key, and temp home directories for the client side.
 */
export interface SshServer {
  port: number;
  /** `ssh://root@127.0.0.1:PORT` */
  url: string;
  /** The ssh-agent socket (SSH_AUTH_SOCK) holding the client key. */
  agentSocket: string;
  /** The client's private key file. */
  identityFile: string;
  /** The server's public host key line, `ssh-ed25519 AAAA…`. */
  hostKey: string;
  /** A `Host` alias in `homes.good/.ssh/config`: HostName 127.0.0.1, Port, User root, IdentityFile. */
  alias: string;
  homes: {
    /** known_hosts (hashed, as `HashKnownHosts yes` writes it) has the server's key; .ssh/config has the alias. */
    good: string;
    /** known_hosts has another ed25519 key for [127.0.0.1]:PORT: a changed host key. */
    wrongKey: string;
    /** known_hosts is empty: an unknown host. */
    unknown: string;
  };
  /** Log of sshd (LogLevel VERBOSE), for failing tests. */
  log(): string;
  stop(): Promise<void>;
}

const SSHD = "/usr/sbin/sshd";

const keygen = (file: string, comment: string) =>
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file], {
    stdio: "ignore",
  });

export async function startSshServer(options: { dockerHost?: string } = {}): Promise<SshServer> {
  const root = mkdtempSync(join(tmpdir(), "stackform-sshd-"));
  chmodSync(root, 0o755);
  const processes: ChildProcess[] = [];
  const stop = async () => {
    for (const child of processes.splice(0)) await kill(child);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    const hostKeyFile = join(root, "ssh_host_ed25519_key");
    const clientKey = join(root, "id_stackform");
    const otherKey = join(root, "other_host_key");
    keygen(hostKeyFile, "stackform-test-host");
    keygen(clientKey, "stackform-test-client");
    keygen(otherKey, "stackform-other-host");
    const pub = (file: string) =>
      readFileSync(`${file}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
    writeFileSync(join(root, "authorized_keys"), `${readFileSync(`${clientKey}.pub`, "utf8")}`, {
      mode: 0o600,
    });

    const config = join(root, "sshd_config");
    writeFileSync(
      config,
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${hostKeyFile}`,
        `PidFile ${join(root, "sshd.pid")}`,
        `AuthorizedKeysFile ${join(root, "authorized_keys")}`,
        "PermitRootLogin prohibit-password",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "MaxSessions 20",
        // SHLVL=1: bash skips ~/.bashrc for ssh commands when it is not the first shell. Root's .bashrc
        // on a dev box (pyenv, ...) can cost a second per channel, and every HTTP connection is one.
        `SetEnv DOCKER_HOST=${options.dockerHost ?? `unix://${SECOND_ENGINE_SOCKET}`} SHLVL=1`,
        "LogLevel VERBOSE",
        "",
      ].join("\n"),
    );
    // sshd insists on its privilege separation directory.
    mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });
    if (!existsSync(SSHD))
      throw new Error(`${SSHD} is missing: run scripts/ensure-test-tools.sh (openssh-server)`);
    const sshd = spawn(SSHD, ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
    processes.push(sshd);
    let log = "";
    sshd.once("error", (error) => {
      log += `spawning sshd failed: ${error.message}\n`;
    });
    sshd.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString("utf8");
    });

    const agentSocket = join(root, "agent.sock");
    const agent = spawn("ssh-agent", ["-D", "-a", agentSocket], { stdio: "ignore" });
    processes.push(agent);
    agent.once("error", () => {});
    await waitFor(
      () => existsSync(agentSocket),
      () => "the ssh-agent socket",
    );
    execFileSync("ssh-add", ["-q", clientKey], {
      env: { ...process.env, SSH_AUTH_SOCK: agentSocket },
      stdio: "ignore",
    });
    await waitFor(
      () => log.includes("Server listening on 127.0.0.1"),
      () => `sshd to listen; its log:\n${log}`,
    );

    const hostKey = pub(hostKeyFile);
    const alias = "stackform-test-engine";
    const home = (name: string, knownHosts: string, sshConfig = "") => {
      const dir = join(root, name);
      mkdirSync(join(dir, ".ssh"), { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, ".ssh", "known_hosts"), knownHosts, { mode: 0o600 });
      if (sshConfig) writeFileSync(join(dir, ".ssh", "config"), sshConfig, { mode: 0o600 });
      return dir;
    };
    const good = home(
      "home-good",
      `[127.0.0.1]:${port} ${hostKey}\n`,
      [
        `Host ${alias}`,
        "  HostName 127.0.0.1",
        `  Port ${port}`,
        "  User root",
        `  IdentityFile ${clientKey}`,
        "",
      ].join("\n"),
    );
    // As `HashKnownHosts yes` (Debian's default) writes it: exercises hashed entries for real.
    execFileSync("ssh-keygen", ["-q", "-H", "-f", join(good, ".ssh", "known_hosts")], { stdio: "ignore" });
    rmSync(join(good, ".ssh", "known_hosts.old"), { force: true });

    return {
      port,
      url: `ssh://root@127.0.0.1:${port}`,
      agentSocket,
      identityFile: clientKey,
      hostKey,
      alias,
      homes: {
        good,
        wrongKey: home("home-wrong-key", `[127.0.0.1]:${port} ${pub(otherKey)}\n`),
        unknown: home("home-unknown", ""),
      },
      log: () => log,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  await Promise.race([exited, timeout]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

async function waitFor(ready: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
