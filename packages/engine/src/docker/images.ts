import { readdir } from "node:fs/promises";
import type { BuildSpec } from "@stackform/schema/contract";
import type { DockerOptions } from "dockerode";
import { EngineError, toEngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";
import { readJsonLines, StreamFailure } from "./read-json-lines.js";
import { tarOneFile } from "./tar-one-file.js";

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
): Promise<void> {
  const what = `pull image ${ref}`;
  const stream = await client.stream({
    what,
    method: "POST",
    path: "/images/create",
    query: splitReference(ref),
  });
  try {
    await readJsonLines(stream, onProgress);
  } catch (error) {
    if (!(error instanceof StreamFailure)) throw toEngineError(error, what, client.endpoint);
    throw new EngineError(
      "image-missing",
      `cannot ${what}: ${error.message}`,
      "check the name and tag, that the registry is reachable from the engine, and `docker login` for private images",
    );
  }
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
    stream = await docker.buildImage(
      { context: build.context, src: entries },
      {
        t: ref,
        dockerfile: build.dockerfile,
        buildargs: build.args,
        rm: true,
        ...(build.target ? { target: build.target } : {}),
      },
    );
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
