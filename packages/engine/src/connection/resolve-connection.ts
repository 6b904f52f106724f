import type { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { DockerOptions } from "dockerode";
import { ConnectionError } from "./connection-error.js";
import { currentContextName, DEFAULT_CONTEXT, dockerConfigDir, readDockerContext } from "./docker-context.js";
import { DEFAULT_SOCKET, type DockerHost, formatDockerHost, parseDockerHost } from "./docker-host.js";
import { resolveSshTarget } from "./ssh-target.js";
import { checkTlsMaterial, readTlsMaterial, type TlsMaterial } from "./tls-material.js";

/** Where to reach an engine and how, in the docker CLI's order of precedence. */
export interface ConnectionFlags {
  host?: string;
  context?: string;
}

/** dockerode's options plus the HTTP agent docker-modem accepts (ssh channels, unverified TLS). */
export type ConnectionOptions = DockerOptions & { agent?: Agent };

export interface ResolvedConnection {
  /** For people and plan headers: `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376`, `ssh://dev@host`. */
  endpoint: string;
  options: ConnectionOptions;
  /** Closes what the connection holds open (the ssh session, pooled TLS sockets). Safe to call twice. */
  dispose?(): Promise<void>;
}

/** How TLS was asked for: by the environment (DOCKER_TLS_VERIFY, ...) or by a context's files. */
interface TlsChoice {
  verify: boolean;
  material: TlsMaterial;
  /** What to do when a file is missing. */
  howToFix: string;
  requireCa: boolean;
}

/**
 * Resolves the engine like the docker CLI does:
 *
 * 1. `-H/--host` (with the TLS environment below); `-H` together with `--context` is an error;
 * 2. `--context NAME`;
 * 3. `DOCKER_HOST`, with `DOCKER_TLS_VERIFY` / `DOCKER_TLS` / `DOCKER_CERT_PATH` for `tcp://`;
 * 4. `DOCKER_CONTEXT`, then `currentContext` in `$DOCKER_CONFIG/config.json` (~/.docker);
 * 5. the local socket, `unix:///var/run/docker.sock`.
 *
 * As in the docker CLI, an explicit `--context` wins over an inherited `DOCKER_HOST`, and
 * `DOCKER_HOST` wins over `DOCKER_CONTEXT`. Context `default` is DOCKER_HOST or the local socket.
 *
 * TLS is used when the environment asks for it (`DOCKER_TLS_VERIFY` or `DOCKER_TLS` set to
 * anything, or `DOCKER_CERT_PATH` set) or a context has TLS files; it is then required: a
 * missing file is an error, never a plain-text fallback. The default port is 2376 with TLS and
 * 2375 without. `ssh://` runs `docker system dial-stdio` on the host over one ssh connection,
 * checking its host key against known_hosts; call `dispose()` when done.
 */
export async function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedConnection> {
  const host = flags.host?.trim();
  const context = flags.context?.trim();
  if (host && context) {
    throw new ConnectionError(
      "conflicting options: -H/--host and --context both name an engine",
      "give only one of them (a context already holds the host)",
    );
  }
  if (host) return fromHost(host, "-H/--host", env);
  if (context) return fromContext(context, "--context", env);
  if (env.DOCKER_HOST) return fromHost(env.DOCKER_HOST, "DOCKER_HOST", env);
  if (env.DOCKER_CONTEXT) return fromContext(env.DOCKER_CONTEXT, "DOCKER_CONTEXT", env);
  const configDir = dockerConfigDir(env);
  const current = await currentContextName(configDir);
  if (current) return fromContext(current, `currentContext in ${configDir}/config.json`, env);
  return connect({ kind: "unix", socketPath: DEFAULT_SOCKET }, undefined, env);
}

async function fromHost(spec: string, source: string, env: NodeJS.ProcessEnv): Promise<ResolvedConnection> {
  const host = parseDockerHost(spec, source);
  return connect(host, host.kind === "tcp" ? await tlsFromEnv(env) : undefined, env);
}

async function fromContext(
  name: string,
  source: string,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedConnection> {
  if (name === DEFAULT_CONTEXT) {
    return env.DOCKER_HOST
      ? fromHost(env.DOCKER_HOST, "DOCKER_HOST", env)
      : connect({ kind: "unix", socketPath: DEFAULT_SOCKET }, undefined, env);
  }
  const context = await readDockerContext(name, dockerConfigDir(env));
  const host = parseDockerHost(context.host, `context "${name}" (from ${source})`);
  const { ca, cert, key } = context.tls;
  const wantsTls = context.skipTlsVerify || ca !== undefined || cert !== undefined || key !== undefined;
  const tls: TlsChoice | undefined =
    host.kind === "tcp" && wantsTls
      ? {
          verify: !context.skipTlsVerify,
          material: context.tls,
          howToFix: `recreate the context with \`docker context create ${name} --docker host=…,ca=…,cert=…,key=…\``,
          requireCa: false,
        }
      : undefined;
  return connect(host, tls, env);
}

/** TLS as the docker CLI's environment asks for it; undefined for plain TCP. */
async function tlsFromEnv(env: NodeJS.ProcessEnv): Promise<TlsChoice | undefined> {
  const verify = Boolean(env.DOCKER_TLS_VERIFY) || (Boolean(env.DOCKER_CERT_PATH) && !env.DOCKER_TLS);
  if (!verify && !env.DOCKER_TLS) return undefined;
  const dir = env.DOCKER_CERT_PATH || dockerConfigDir(env);
  return {
    verify,
    material: await readTlsMaterial(dir),
    howToFix: "point DOCKER_CERT_PATH at the directory holding ca.pem, cert.pem and key.pem for this engine",
    requireCa: verify,
  };
}

async function connect(
  host: DockerHost,
  tls: TlsChoice | undefined,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedConnection> {
  const endpoint = formatDockerHost(host, tls ? 2376 : 2375);
  switch (host.kind) {
    case "unix":
      return { endpoint, options: { socketPath: host.socketPath } };
    case "tcp": {
      const port = host.port ?? (tls ? 2376 : 2375);
      if (!tls) return { endpoint, options: { protocol: "http", host: host.host, port } };
      checkTlsMaterial(tls.material, tls.requireCa, tls.howToFix);
      const { ca, cert, key } = tls.material;
      const options: ConnectionOptions = {
        protocol: "https",
        host: host.host,
        port,
        ...(ca ? { ca } : {}),
        ...(cert ? { cert } : {}),
        ...(key ? { key } : {}),
      };
      if (tls.verify) return { endpoint, options };
      // docker-modem passes no rejectUnauthorized; an agent's options override the request's.
      const agent = new HttpsAgent({ keepAlive: true, rejectUnauthorized: false });
      return { endpoint, options: { ...options, agent }, dispose: async () => agent.destroy() };
    }
    case "ssh": {
      // ssh2 (and its WebAssembly crypto) costs ~100 ms to load: only commands that use ssh pay it.
      const [{ SshSession }, { SshHttpAgent }] = await Promise.all([
        import("./ssh-session.js"),
        import("./ssh-http-agent.js"),
      ]);
      const target = resolveSshTarget(host, env);
      const session = new SshSession(target, endpoint);
      const agent = new SshHttpAgent(session);
      return {
        endpoint,
        options: { protocol: "http", host: target.host, port: target.port, agent },
        dispose: async () => {
          agent.destroy();
          await session.dispose();
        },
      };
    }
  }
}
