import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConnectionError } from "./connection-error.js";
import { homeDir } from "./home-dir.js";
import { readTlsMaterial, type TlsMaterial } from "./tls-material.js";

/** `docker context ls` always has it: the engine from DOCKER_HOST or the local socket. */
export const DEFAULT_CONTEXT = "default";

/** A context created with `docker context create`, as stored under `~/.docker/contexts`. */
export interface DockerContext {
  name: string;
  /** `Endpoints.docker.Host`: `tcp://…`, `ssh://…`, `unix://…`. */
  host: string;
  skipTlsVerify: boolean;
  tls: TlsMaterial;
}

/** `$DOCKER_CONFIG`, else `~/.docker`. */
export const dockerConfigDir = (env: NodeJS.ProcessEnv): string =>
  env.DOCKER_CONFIG || join(homeDir(env), ".docker");

/** `currentContext` from `config.json` (set by `docker context use`), if any. */
export async function currentContextName(configDir: string): Promise<string | undefined> {
  const path = join(configDir, "config.json");
  const config = await readJson(path);
  if (config === undefined) return undefined;
  const current = (config as { currentContext?: unknown }).currentContext;
  return typeof current === "string" && current ? current : undefined;
}

/** The store keys a context's directory by the SHA-256 of its name. */
export const contextId = (name: string): string => createHash("sha256").update(name).digest("hex");

export async function readDockerContext(name: string, configDir: string): Promise<DockerContext> {
  const id = contextId(name);
  const metaPath = join(configDir, "contexts", "meta", id, "meta.json");
  const meta = (await readJson(metaPath)) as ContextMeta | undefined;
  if (meta === undefined) {
    throw new ConnectionError(
      `docker context "${name}" does not exist (looked in ${join(configDir, "contexts")})`,
      "`docker context ls` lists the contexts; create one with `docker context create`, or pick another with --context or DOCKER_CONTEXT",
    );
  }
  const endpoint = meta.Endpoints?.docker;
  if (!endpoint || typeof endpoint.Host !== "string" || !endpoint.Host) {
    throw new ConnectionError(
      `docker context "${name}" has no Docker endpoint (${metaPath})`,
      `recreate it with \`docker context create ${name} --docker host=…\``,
    );
  }
  const tls = await readTlsMaterial(join(configDir, "contexts", "tls", id, "docker"));
  return { name, host: endpoint.Host, skipTlsVerify: endpoint.SkipTLSVerify === true, tls };
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/** The parsed file, or undefined when it does not exist; unreadable or broken JSON is an error. */
async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConnectionError(
      `cannot read ${path}: ${(error as Error).message}`,
      "make it readable by this user",
      {
        cause: error,
      },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConnectionError(
      `${path} is not valid JSON: ${(error as Error).message}`,
      "fix or remove the file",
      {
        cause: error,
      },
    );
  }
}
