import { readdir } from "node:fs/promises";
import { type BuildSpec, imagePlatform } from "@stackform/schema/contract";
import type { DockerOptions, ImageBuildOptions, RegistryConfig } from "dockerode";
import { allCredentials, credentialsFor } from "../auth/registry-credentials.js";
import { DOCKER_HUB_SERVER, registryOf } from "../auth/registry-host.js";
import type { PullOptions } from "../engine.js";
import { EngineError, toEngineError } from "../errors.js";
import { buildQuery, inlineDockerfileContext } from "./build-request.js";
import type { EngineClient } from "./engine-client.js";
import { readJsonLines, StreamFailure } from "./read-json-lines.js";
import { tarOneFile } from "./tar-one-file.js";
import type { WireImage } from "./wire-types.js";

/** `name[:tag]` or `name@digest`; a tag after the last `/` only (registry ports have colons). */
export function splitReference(ref: string): { fromImage: string; tag?: string } {
  if (ref.includes("@")) return { fromImage: ref };
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  if (colon > slash) return { fromImage: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { fromImage: ref, tag: "latest" };
}

export async function pullImage(
  client: EngineClient,
  ref: string,
  onProgress?: (line: string) => void,
  options: PullOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const { platform } = options;
  const what = platform ? `pull image ${ref} for ${platform}` : `pull image ${ref}`;
  // The credentials of the machine Stackform runs on, as the docker CLI sends them: the engine,
  // maybe remote, holds none of its own.
  const registry = registryOf(ref);
  const auth = await credentialsFor(registry, env);
  try {
    const stream = await client.stream({
      what,
      method: "POST",
      path: "/images/create",
      query: { ...splitReference(ref), ...(platform ? { platform } : {}) },
      ...(auth ? { registryAuth: auth } : {}),
    });
    await readJsonLines(stream, onProgress);
  } catch (error) {
    const said = engineWords(error);
    if (AUTH_REFUSED.test(said)) throw authError(what, registry, auth !== undefined, said);
    const lost =
      error instanceof EngineError && (error.kind === "connection-lost" || error.kind === "unreachable");
    if (platform && !lost) {
      const mismatch = await platformPullError(client, ref, platform, options.services ?? [], said);
      if (mismatch) throw mismatch;
    }
    if (!(error instanceof StreamFailure)) throw toEngineError(error, what, client.endpoint);
    throw new EngineError(
      "image-missing",
      `cannot ${what}: ${error.message}`,
      "check the name and tag, that the registry is reachable from the engine, and `docker login` for private images",
    );
  }
  if (options.recordPullTime && !ref.includes("@")) await recordPullTime(client, ref);
}

async function recordPullTime(client: EngineClient, ref: string): Promise<void> {
  const { fromImage, tag } = splitReference(ref);
  await client.json({
    what: `record the pull time of image ${ref}`,
    method: "POST",
    path: `/images/${encodeURIComponent(ref)}/tag`,
    query: { repo: fromImage, tag },
  });
}

/**
 * A pull for a platform the registry does not have (or an unreachable registry, when only the
 * local image was ever there): says which services want which platform, what the engine has, and
 * what to do instead. `undefined` when the platform is not what went wrong (no local image of
 * another platform, and the registry said nothing of platforms: a typo in the tag, say).
 */
async function platformPullError(
  client: EngineClient,
  ref: string,
  platform: string,
  services: string[],
  said: string,
): Promise<EngineError | undefined> {
  const local = await client
    .find<WireImage>({
      what: `inspect image ${ref}`,
      method: "GET",
      path: `/images/${encodeURIComponent(ref)}/json`,
    })
    .catch(() => undefined);
  const has = local && imagePlatform(local);
  if (!has && !/no matching manifest|platform/i.test(said)) return undefined;
  const wanted = services.length > 0 ? `service ${services.join(", ")} wants` : "the stack wants";
  return new EngineError(
    "platform-mismatch",
    `cannot pull image ${ref} for platform ${platform}: ${wanted} ${platform}${has ? `, the engine has ${ref} for ${has} only` : ""}, and the pull failed (${said.trim()})`,
    `push ${ref} for ${platform} to its registry (a multi-platform image: docker buildx build --platform ${platform} --push), or set \`platform:\` to ${has ?? "the image's platform"}, or remove it to run the image the engine has`,
  );
}

/** The engine's (or registry's) own words of a failed pull or push, without our "cannot …" around them. */
export const engineWords = (error: unknown): string =>
  error instanceof StreamFailure ? error.message : ((error as EngineError).raw ?? (error as Error).message);

/** How registries and the engine say "who are you?" or "not you". */
export const AUTH_REFUSED =
  /no basic auth credentials|unauthorized|authentication required|access denied|denied: /i;

export function authError(
  what: string,
  registry: string,
  hadCredentials: boolean,
  said: string,
): EngineError {
  const host = registry === DOCKER_HUB_SERVER ? "Docker Hub" : registry;
  const login = registry === DOCKER_HUB_SERVER ? "docker login" : `docker login ${registry}`;
  return new EngineError(
    "image-missing",
    hadCredentials
      ? `cannot ${what}: registry ${host} refused the credentials stored for it (${said.trim()})`
      : `cannot ${what}: registry ${host} wants credentials, and none are stored for it (${said.trim()})`,
    `run \`${login}\`: Stackform uses the docker CLI's credentials (~/.docker/config.json, its credsStore and credHelpers)`,
  );
}

export async function buildImage(
  client: EngineClient,
  ref: string,
  build: BuildSpec,
  onProgress?: (line: string) => void,
): Promise<void> {
  const what = `build image ${ref}`;
  let entries: string[];
  try {
    entries = await readdir(build.context);
  } catch (error) {
    throw new EngineError(
      "bad-request",
      `cannot ${what}: build context ${build.context} is not readable (${(error as Error).message})`,
      "fix `build.context` in the stack file",
    );
  }
  // dockerode packs the context (honouring .dockerignore); the request itself is counted here.
  client.requestCount++;
  let stream: NodeJS.ReadableStream;
  try {
    const { default: Docker } = await import("dockerode");
    // dockerode reuses a given modem (its constructor checks `opts.modem`); the types omit it.
    const docker = new Docker({ modem: client.modem } as DockerOptions);
    // FROM images may come from any registry: the engine gets every credential, as from the CLI.
    const registryconfig = await allCredentials();
    const context =
      build.dockerfileInline === undefined
        ? { context: build.context, src: entries }
        : await inlineDockerfileContext(build, entries);
    stream = await docker.buildImage(context, {
      ...buildQuery(ref, build),
      // The types omit identity tokens, which the engine takes as well.
      ...(Object.keys(registryconfig).length > 0 ? { registryconfig: registryconfig as RegistryConfig } : {}),
    } as ImageBuildOptions);
  } catch (error) {
    throw toEngineError(error, what, client.endpoint);
  }
  try {
    await readJsonLines(stream, onProgress);
  } catch (error) {
    if (!(error instanceof StreamFailure)) throw toEngineError(error, what, client.endpoint);
    throw new EngineError(
      "bad-request",
      `cannot ${what}: ${error.message}`,
      `fix the Dockerfile or context; \`docker build ${build.context}\` shows the same failure`,
    );
  }
}

/** The image behind lock and meta containers; imported in memory, once per engine. */
export const UTILITY_IMAGE = "stackform/lock:1";

export async function ensureUtilityImage(client: EngineClient): Promise<void> {
  const have = await client.find({
    what: `inspect image ${UTILITY_IMAGE}`,
    method: "GET",
    path: `/images/${UTILITY_IMAGE}/json`,
  });
  if (have) return;
  const what = `import image ${UTILITY_IMAGE}`;
  const { fromImage, tag } = splitReference(UTILITY_IMAGE);
  const stream = await client.stream({
    what,
    method: "POST",
    path: "/images/create",
    query: { fromSrc: "-", repo: fromImage, tag },
    file: tarOneFile(
      "stackform-lock",
      "Held by Stackform: a container that is never started marks a lock or stack metadata.\n",
    ),
  });
  try {
    await readJsonLines(stream);
  } catch (error) {
    throw new EngineError(
      "engine",
      `cannot ${what}: ${(error as Error).message}`,
      "check the engine's disk space and log",
    );
  }
}
