import { join } from "node:path";
import type { DockerHost } from "./docker-host.js";
import { expandHome, homeDir, localUser } from "./home-dir.js";
import { knownHostName } from "./known-hosts.js";
import { loadSshConfig, resolveSshHostConfig, type SshConfigBlock } from "./ssh-config.js";

/** Everything needed to open the ssh connection to an engine's host, after ~/.ssh/config. */
export interface SshTarget {
  /** The host as given in `ssh://HOST`, maybe a `Host` alias of ~/.ssh/config. */
  alias: string;
  /** The host to connect to (`HostName`, else the alias). */
  host: string;
  port: number;
  user: string;
  /** Private key files to try, in order (missing ones are skipped when connecting). */
  identityFiles: string[];
  /** The ssh-agent socket, unless `IdentityAgent none` or no SSH_AUTH_SOCK. */
  agentSocket?: string;
  knownHostsFiles: string[];
  /** The name the host key is filed under in known_hosts: `host` or `[host]:port`. */
  knownHostName: string;
  /** The engine socket on the remote host, from `ssh://host/path/to.sock`. */
  remoteSocket?: string;
  connectTimeoutMs: number;
}

type SshHost = Extract<DockerHost, { kind: "ssh" }>;

const DEFAULT_IDENTITIES = ["id_rsa", "id_ecdsa", "id_ed25519"];
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

/**
 * Applies ~/.ssh/config (read from `$HOME`) to an `ssh://` address, as ssh does: the user and
 * port in the address win over `User` and `Port`; `HostName` replaces the alias; `IdentityFile`
 * lines replace the default keys (~/.ssh/id_rsa, id_ecdsa, id_ed25519).
 */
export function resolveSshTarget(
  address: SshHost,
  env: NodeJS.ProcessEnv,
  blocks?: SshConfigBlock[],
): SshTarget {
  const home = homeDir(env);
  const sshDir = join(home, ".ssh");
  const config = resolveSshHostConfig(
    blocks ?? loadSshConfig(join(sshDir, "config"), sshDir, home),
    address.host,
  );

  const port = address.port ?? config.port ?? 22;
  const user = address.user ?? config.user ?? localUser(env);
  const host = config.hostName
    ? expandTokens(config.hostName, { h: address.host, p: port, r: user }, env)
    : address.host;
  const tokens = { h: host, p: port, r: user };
  const expand = (path: string) => expandTokens(path, tokens, env);

  const identityFiles = (
    config.identityFiles.length > 0
      ? config.identityFiles
      : DEFAULT_IDENTITIES.map((file) => `~/.ssh/${file}`)
  ).map(expand);
  const agentSocket = resolveAgent(config.identityAgent, env, expand);
  const userFiles = config.userKnownHostsFiles ?? ["~/.ssh/known_hosts", "~/.ssh/known_hosts2"];
  const globalFiles = config.globalKnownHostsFiles ?? [
    "/etc/ssh/ssh_known_hosts",
    "/etc/ssh/ssh_known_hosts2",
  ];
  const knownHostsFiles = [...userFiles, ...globalFiles]
    .filter((file) => file.toLowerCase() !== "none")
    .map(expand);

  return {
    alias: address.host,
    host,
    port,
    user,
    identityFiles,
    ...(agentSocket ? { agentSocket } : {}),
    knownHostsFiles,
    knownHostName: knownHostName(config.hostKeyAlias ?? host, port),
    ...(address.socketPath ? { remoteSocket: address.socketPath } : {}),
    connectTimeoutMs: config.connectTimeoutSeconds
      ? config.connectTimeoutSeconds * 1000
      : DEFAULT_CONNECT_TIMEOUT_MS,
  };
}

function resolveAgent(
  identityAgent: string | undefined,
  env: NodeJS.ProcessEnv,
  expand: (path: string) => string,
): string | undefined {
  if (identityAgent === undefined || identityAgent === "SSH_AUTH_SOCK") return env.SSH_AUTH_SOCK || undefined;
  if (identityAgent.toLowerCase() === "none") return undefined;
  if (identityAgent.startsWith("$")) return env[identityAgent.slice(1)] || undefined;
  return expand(identityAgent);
}

/** ssh_config's `%h` (host), `%p` (port), `%r` (remote user), `%u` (local user), `%d` (home), `%%`, and `~`. */
export function expandTokens(
  value: string,
  tokens: { h: string; p: number; r: string },
  env: NodeJS.ProcessEnv,
): string {
  const expanded = value.replace(/%([%hprud])/g, (_, token: string) => {
    switch (token) {
      case "h":
        return tokens.h;
      case "p":
        return String(tokens.p);
      case "r":
        return tokens.r;
      case "u":
        return localUser(env);
      case "d":
        return homeDir(env);
      default:
        return "%";
    }
  });
  return expandHome(expanded, env);
}
