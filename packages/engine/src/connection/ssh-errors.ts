import { ConnectionError } from "./connection-error.js";
import { fingerprint, type HostKeyCheck, keyTypeOf } from "./known-hosts.js";
import type { SshTarget } from "./ssh-target.js";

/** How to reach the host with plain ssh, for hints: `ssh -p 2222 root@10.0.0.5`. */
export const sshCommand = (target: SshTarget): string =>
  `ssh ${target.port === 22 ? "" : `-p ${target.port} `}${target.user}@${target.alias}`;

const keyscan = (target: SshTarget): string =>
  `ssh-keyscan ${target.port === 22 ? "" : `-p ${target.port} `}${target.host} >> ~/.ssh/known_hosts`;

/** The host key was not accepted: never auto-accepted, never overridden. */
export function hostKeyRejected(
  check: Exclude<HostKeyCheck, { status: "known" }>,
  target: SshTarget,
  key: Buffer,
): ConnectionError {
  const presented = `${keyTypeOf(key)} ${fingerprint(key)}`;
  const name = target.knownHostName;
  switch (check.status) {
    case "unknown":
      return new ConnectionError(
        `the ssh host key of ${name} is not in known_hosts (it presented ${presented}); refusing to connect to an unverified host`,
        `check that fingerprint with the host's owner, then add the key: \`${keyscan(target)}\` (or connect once with \`${sshCommand(target)}\` and accept it)`,
      );
    case "changed":
      return new ConnectionError(
        `the ssh host key of ${name} has changed: it presented ${presented}, which does not match ${check.entries.map((entry) => entry.location).join(", ")}; someone may be intercepting the connection`,
        `if the host was reinstalled, remove the old key with \`ssh-keygen -R "${name}"\` and add the new one after checking its fingerprint; otherwise do not connect`,
      );
    case "revoked":
      return new ConnectionError(
        `the ssh host key of ${name} (${presented}) is revoked in ${check.entry.location}`,
        "the host still uses a key marked @revoked; ask its owner for its new key",
      );
  }
}

interface Ssh2Error {
  level?: string;
  code?: string;
  message?: string;
}

/**
 * ssh2's errors (`err.level` says which stage failed) as ConnectionErrors. Host key refusals
 * never get here: the verifier builds those itself, with the fingerprint.
 */
export function sshFailure(error: unknown, target: SshTarget, endpoint: string): ConnectionError {
  const raw = (error ?? {}) as Ssh2Error;
  const where = `${target.user}@${target.host}:${target.port}`;
  const options = { cause: error };
  const code = raw.code ?? "";
  if (raw.level === "client-authentication") {
    return new ConnectionError(
      `ssh authentication as ${target.user} to ${target.host}:${target.port} failed (${endpoint})`,
      `load the key into ssh-agent (\`ssh-add KEYFILE\`) or set IdentityFile in ~/.ssh/config; \`${sshCommand(target)}\` must work without a password`,
      options,
    );
  }
  if (raw.level === "client-timeout") {
    return new ConnectionError(
      `ssh connection to ${where} timed out (${endpoint})`,
      `check the host and port; \`${sshCommand(target)}\` must connect from here`,
      options,
    );
  }
  if (code === "ECONNREFUSED") {
    return new ConnectionError(
      `ssh connection to ${where} was refused (${endpoint})`,
      "check that sshd runs there and listens on that port (Port in ~/.ssh/config or ssh://HOST:PORT)",
      options,
    );
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new ConnectionError(
      `cannot resolve the ssh host ${target.host} (${endpoint})`,
      "check the host name, or add a Host entry with HostName to ~/.ssh/config",
      options,
    );
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "ETIMEDOUT") {
    return new ConnectionError(
      `the ssh host ${target.host} is unreachable (${code}, ${endpoint})`,
      `check the network path to it; \`${sshCommand(target)}\` must connect from here`,
      options,
    );
  }
  if (/handshake failed|no matching/i.test(raw.message ?? "")) {
    return new ConnectionError(
      `ssh handshake with ${where} failed: ${raw.message}`,
      "known_hosts may list only key types the server no longer offers; check it against the server's keys (ssh-keyscan)",
      options,
    );
  }
  return new ConnectionError(
    `ssh connection to ${where} failed: ${raw.message ?? String(error)}`,
    `\`${sshCommand(target)}\` must connect from here`,
    options,
  );
}

/** `docker system dial-stdio` exited on the remote host: docker is missing or cannot reach its engine. */
export function dialStdioFailed(
  target: SshTarget,
  endpoint: string,
  exitCode: number,
  stderr: string,
): ConnectionError {
  const said = stderr.trim().split("\n").filter(Boolean).at(-1) ?? `exit code ${exitCode}`;
  return new ConnectionError(
    `the docker CLI on ${target.host} could not reach its engine (${endpoint}): ${said}`,
    `check that docker is installed there and that ${target.user} may use it: \`${sshCommand(target)} docker info\``,
  );
}
