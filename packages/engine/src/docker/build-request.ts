import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { BuildSpec } from "@stackform/schema/contract";
import { tarEntries } from "./tar-one-file.js";

/**
 * Where a `dockerfile_inline` goes in the context, as `docker build -f -` puts a Dockerfile read
 * from stdin: a hidden name no project uses, added to .dockerignore so `COPY .` leaves it out.
 */
export const INLINE_DOCKERFILE = ".dockerfile.stackform-inline";

/**
 * The query of `POST /build` (Engine API 1.41) for one build, as dockerode sends it: arrays
 * repeat the parameter (`t`, `extrahosts`), objects and `cachefrom` go as JSON.
 */
export function buildQuery(ref: string, build: BuildSpec): Record<string, unknown> {
  const query: Record<string, unknown> = {
    // Several `t` parameters tag one image with each: the service's image first.
    t: [ref, ...(build.tags ?? []).filter((tag) => tag !== ref)],
    dockerfile: build.dockerfileInline === undefined ? build.dockerfile : INLINE_DOCKERFILE,
    buildargs: build.args,
    rm: true,
  };
  if (build.target) query.target = build.target;
  if (build.platform) query.platform = build.platform;
  if (build.labels && Object.keys(build.labels).length > 0) query.labels = build.labels;
  if (build.cacheFrom && build.cacheFrom.length > 0) query.cachefrom = build.cacheFrom;
  if (build.noCache) query.nocache = true;
  if (build.pull) query.pull = true;
  if (build.network !== undefined) query.networkmode = build.network;
  if (build.extraHosts && build.extraHosts.length > 0) query.extrahosts = build.extraHosts;
  if (build.shmSize !== undefined) query.shmsize = build.shmSize;
  if (build.ulimits && Object.keys(build.ulimits).length > 0)
    // An array would be repeated as parameters; the engine wants one JSON list.
    query.ulimits = JSON.stringify(
      Object.entries(build.ulimits).map(([Name, { soft, hard }]) => ({ Name, Soft: soft, Hard: hard })),
    );
  return query;
}

interface DockerodeUtil {
  prepareBuildContext(
    file: { context: string; src: string[] },
    next: (archive: NodeJS.ReadableStream) => void,
  ): void;
}

/**
 * The context of a `dockerfile_inline` build: the Dockerfile and a .dockerignore that also names
 * it, ahead of the folder's files as dockerode packs them (honouring the folder's .dockerignore).
 * The engine keeps the last of two entries with one name, so the folder's own .dockerignore is
 * left out of the packed files.
 */
export async function inlineDockerfileContext(build: BuildSpec, entries: string[]): Promise<Readable> {
  const ignore = await readFile(join(build.context, ".dockerignore"), "utf8").catch(() => "");
  const head = tarEntries([
    { name: INLINE_DOCKERFILE, content: build.dockerfileInline ?? "" },
    { name: ".dockerignore", content: `${ignore}\n${INLINE_DOCKERFILE}\n` },
  ]);
  // dockerode's own packer (tar-fs and its .dockerignore rules), so both kinds of build send the
  // same files; it has no public export, and gzips what it packs. A literal import, so that the
  // single-executable bundle carries it too.
  // @ts-expect-error: dockerode ships no types for its internal modules.
  const util = (await import("dockerode/lib/util.js")) as { default?: DockerodeUtil } & DockerodeUtil;
  const { prepareBuildContext } = util.default ?? util;
  const packed = await new Promise<NodeJS.ReadableStream>((done) =>
    prepareBuildContext(
      { context: build.context, src: entries.filter((entry) => entry !== ".dockerignore") },
      done,
    ),
  );
  const tar = createGunzip();
  packed.on("error", (error: Error) => tar.destroy(error));
  packed.pipe(tar);
  return Readable.from(withHead(head, tar));
}

async function* withHead(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield head;
  yield* rest;
}
