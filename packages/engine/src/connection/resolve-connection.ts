import type { DockerOptions } from "dockerode";

/** Where to reach an engine and how, in the docker CLI's order of precedence. */
export interface ConnectionFlags {
  host?: string;
  context?: string;
}

export interface ResolvedConnection {
  /** For people and plan headers: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`. */
  endpoint: string;
  options: DockerOptions;
  /** Closes what the connection holds open (the ssh session). */
  dispose?(): Promise<void>;
}

// Minimal first version: -H, DOCKER_HOST (unix:// and plain tcp://), else the local socket.
// Contexts, TLS and ssh arrive with the connection work (issue 5).
export async function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedConnection> {
  const host = flags.host ?? env.DOCKER_HOST;
  if (!host || host.startsWith("unix://")) {
    const socketPath = host ? host.slice("unix://".length) : "/var/run/docker.sock";
    return { endpoint: `unix://${socketPath}`, options: { socketPath } };
  }
  const url = new URL(host);
  return {
    endpoint: host,
    options: { protocol: "http", host: url.hostname, port: Number(url.port || 2375) },
  };
}
