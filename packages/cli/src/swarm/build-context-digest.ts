import { createHash } from "node:crypto";
import { readdir, readFile, readlink, stat } from "node:fs/promises";
import { join } from "node:path";
import type { BuildSpec, DesiredStack } from "@stackform/schema";
import { CliError } from "../cli-error.js";

/**
 * The digest of each `build:` service's build context, by service key: what the Swarm plan
 * compares to decide whether an image must be built and pushed again (see SwarmBuilds).
 */
export async function buildContextDigests(desired: DesiredStack): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const seen = new Map<string, Promise<string>>();
  for (const [key, service] of Object.entries(desired.services)) {
    if (!service.build) continue;
    const id = JSON.stringify(service.build);
    const digest = seen.get(id) ?? buildContextDigest(service.build);
    seen.set(id, digest);
    out[key] = await digest;
  }
  return out;
}

/**
 * sha256 over what the engine would build from: every file of the context that .dockerignore
 * leaves (path, executable bit, content; a symlink's target), the Dockerfile (or its inline
 * text), the build args, the target stage, the platform, the image's labels and the RUN steps'
 * options. Timestamps and owners are left out, so a fresh checkout of the same commit has the
 * same digest.
 */
export async function buildContextDigest(build: BuildSpec): Promise<string> {
  const hash = createHash("sha256");
  hash.update(
    JSON.stringify({
      dockerfile: build.dockerfile,
      args: Object.entries(build.args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      target: build.target ?? null,
      platform: build.platform ?? null,
      // What else changes the image: its labels and what the RUN steps see (normalised sorted;
      // only when set, so the digests of builds without them stay as they were). Cache and pull
      // options and extra tags change how it is built, not what.
      ...(build.labels && { labels: build.labels }),
      ...(build.network !== undefined && { network: build.network }),
      ...(build.extraHosts && { extraHosts: build.extraHosts }),
      ...(build.shmSize !== undefined && { shmSize: build.shmSize }),
      ...(build.ulimits && { ulimits: build.ulimits }),
    }),
  );
  let ignore: (path: string) => boolean;
  try {
    // The engine gets the Dockerfile even when .dockerignore names it (or it lies outside the context).
    hash.update(build.dockerfileInline ?? (await readFile(join(build.context, build.dockerfile))));
    ignore = dockerignore(await readFile(join(build.context, ".dockerignore"), "utf8").catch(() => ""));
    for (const path of await listFiles(build.context, "", ignore)) {
      const full = join(build.context, path);
      const info = await stat(full).catch(() => undefined);
      const link = await readlink(full).catch(() => undefined);
      hash.update(`\0${path}\0`);
      if (link !== undefined) hash.update(`link:${link}`);
      else if (info?.isFile()) {
        hash.update(info.mode & 0o111 ? "x:" : "f:");
        hash.update(
          createHash("sha256")
            .update(await readFile(full))
            .digest("hex"),
        );
      }
    }
  } catch (error) {
    throw new CliError(
      `cannot read build context ${build.context}: ${(error as Error).message}`,
      "fix `build.context` in the stack file, or the files' permissions",
    );
  }
  return `sha256:${hash.digest("hex")}`;
}

/** Files and symlinks under `dir` (paths relative to the context, `/`-separated), sorted. */
async function listFiles(root: string, dir: string, ignore: (path: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(join(root, dir), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    // A directory is walked even when ignored: a later `!pattern` may bring files inside it back.
    if (entry.isDirectory()) out.push(...(await listFiles(root, path, ignore)));
    else if (!ignore(path)) out.push(path);
  }
  return out;
}

/**
 * `.dockerignore` as the engine reads it: one pattern a line (`*`, `?`, `**`), `!` to bring a path
 * back, the last matching line winning, and a pattern that matches a directory covering what is in it.
 */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!");
      const pattern = (negated ? line.slice(1) : line)
        .trim()
        .replace(/^(\.\/|\/)+/, "")
        .replace(/\/+$/, "");
      return { negated, regex: globRegex(pattern) };
    });
  return (path) => {
    let ignored = false;
    const prefixes = path.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/"));
    for (const rule of rules) {
      if (prefixes.some((p) => rule.regex.test(p))) ignored = !rule.negated;
    }
    return ignored;
  };
}

function globRegex(pattern: string): RegExp {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}
