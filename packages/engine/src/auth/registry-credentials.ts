import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { dockerConfigDir } from "../connection/docker-context.js";
import { EngineError } from "../errors.js";
import { helperGet, helperList } from "./credential-helper.js";
import { hostnameOf } from "./registry-host.js";

/** The Engine API's AuthConfig (`X-Registry-Auth`, and each entry of `X-Registry-Config`). */
export interface RegistryAuth {
  serveraddress: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

/** The parts of `~/.docker/config.json` that say where credentials are. */
interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/**
 * The credentials the docker CLI would use for `server`: its credential helper
 * (`credHelpers`), else the default store (`credsStore`), else `auths` in config.json.
 * `undefined` when none are stored: the pull is then anonymous, as `docker pull`'s is.
 */
export async function credentialsFor(
  server: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RegistryAuth | undefined> {
  const config = await readDockerConfig(env);
  const helper = config.credHelpers?.[hostnameOf(server)] ?? config.credsStore;
  if (helper) {
    const found = await helperGet(helper, server, env);
    if (found) return fromHelper(server, found.username, found.secret);
    // A store that has nothing for this server still leaves `auths` (the CLI falls back too).
  }
  return fromAuths(config, server);
}

/** Every registry's credentials, for a build whose `FROM` images may come from any of them. */
export async function allCredentials(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, RegistryAuth>> {
  const config = await readDockerConfig(env);
  const servers = new Set([...Object.keys(config.auths ?? {}), ...Object.keys(config.credHelpers ?? {})]);
  if (config.credsStore) for (const server of await helperList(config.credsStore, env)) servers.add(server);
  const all: Record<string, RegistryAuth> = {};
  for (const server of servers) {
    const auth = await credentialsFor(server, env);
    if (auth) all[server] = auth;
  }
  return all;
}

function fromAuths(config: DockerConfigFile, server: string): RegistryAuth | undefined {
  const host = hostnameOf(server);
  const entries = Object.entries(config.auths ?? {});
  const entry = config.auths?.[server] ?? entries.find(([key]) => hostnameOf(key) === host)?.[1] ?? undefined;
  if (!entry) return undefined;
  if (entry.identitytoken) return { serveraddress: server, identitytoken: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0)
      return { serveraddress: server, username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username && entry.password)
    return { serveraddress: server, username: entry.username, password: entry.password };
  return undefined;
}

/** A helper answers `<token>` as the user name when the secret is an identity token. */
const fromHelper = (server: string, username: string, secret: string): RegistryAuth =>
  username === "<token>"
    ? { serveraddress: server, identitytoken: secret }
    : { serveraddress: server, username, password: secret };

async function readDockerConfig(env: NodeJS.ProcessEnv): Promise<DockerConfigFile> {
  const path = join(dockerConfigDir(env), "config.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as DockerConfigFile;
  } catch (error) {
    throw new EngineError(
      "bad-request",
      `cannot read registry credentials: ${path} is not valid JSON (${(error as Error).message})`,
      "fix the file, or move it away and `docker login` again",
    );
  }
}
