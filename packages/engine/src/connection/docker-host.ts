import { ConnectionError } from "./connection-error.js";

export const DEFAULT_SOCKET = "/var/run/docker.sock";

/** A parsed `-H` / `DOCKER_HOST` / context endpoint. */
export type DockerHost =
  | { kind: "unix"; socketPath: string }
  /** `port` is left out when the address has none: it defaults to 2376 with TLS, 2375 without. */
  | { kind: "tcp"; host: string; port?: number }
  /** `socketPath` is the engine socket on the remote host (`ssh://host/run/docker.sock`), if given. */
  | { kind: "ssh"; host: string; user?: string; port?: number; socketPath?: string };

const SUPPORTED = "unix:///path/to/docker.sock, tcp://HOST[:PORT] or ssh://[USER@]HOST[:PORT]";

/**
 * Reads an engine address the way the docker CLI does. `source` names where it came from
 * (`-H`, `DOCKER_HOST`, `context "prod"`) so a bad value is easy to find.
 */
export function parseDockerHost(spec: string, source: string): DockerHost {
  const value = spec.trim();
  const bad = (why: string) =>
    new ConnectionError(`${source} is not a valid engine address: "${spec}" (${why})`, `use ${SUPPORTED}`);
  if (!value) throw bad("it is empty");
  if (value.startsWith("unix://"))
    return { kind: "unix", socketPath: value.slice("unix://".length) || DEFAULT_SOCKET };

  const withScheme = value.includes("://") ? value : `tcp://${value}`;
  const scheme = withScheme.slice(0, withScheme.indexOf("://")).toLowerCase();
  if (scheme !== "tcp" && scheme !== "ssh") throw bad(`the ${scheme}:// scheme is not supported`);
  // Checked before URL parsing, which would only say "invalid URL" for a port out of range.
  const portText = /^[a-z]+:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/]*)(?::([^/]*))?/i.exec(withScheme)?.[1];
  if (portText) parsePort(portText, bad);
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw bad("it does not parse as a URL");
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) throw bad("it names no host");
  const port = parsePort(url.port, bad);

  if (scheme === "tcp") return { kind: "tcp", host, ...(port === undefined ? {} : { port }) };

  if (url.password) throw bad("a password in the address is not supported; use an ssh key or ssh-agent");
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  const path = decodeURIComponent(url.pathname);
  return {
    kind: "ssh",
    host,
    ...(user ? { user } : {}),
    ...(port === undefined ? {} : { port }),
    ...(path && path !== "/" ? { socketPath: path } : {}),
  };
}

function parsePort(raw: string, bad: (why: string) => ConnectionError): number | undefined {
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad(`port ${raw} is out of range`);
  return port;
}

/** The address as people read it, with the port filled in. */
export function formatDockerHost(host: DockerHost, defaultTcpPort: number): string {
  switch (host.kind) {
    case "unix":
      return `unix://${host.socketPath}`;
    case "tcp":
      return `tcp://${bracketed(host.host)}:${host.port ?? defaultTcpPort}`;
    case "ssh":
      return `ssh://${host.user ? `${host.user}@` : ""}${bracketed(host.host)}${host.port ? `:${host.port}` : ""}${host.socketPath ?? ""}`;
  }
}

const bracketed = (host: string) => (host.includes(":") ? `[${host}]` : host);
