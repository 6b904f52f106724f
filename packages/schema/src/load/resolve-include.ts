import { dirname, resolve } from "node:path";
import { absoluteFileObjects, absoluteServicePaths } from "./absolute-paths.js";
import type { ReferenceContext } from "./resolve-extends.js";
import { resolveExtends } from "./resolve-extends.js";

type Data = Record<string, unknown>;

const isMapping = (value: unknown): value is Data =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const SECTIONS = ["services", "networks", "volumes", "secrets", "configs"] as const;

/** The files of one `include` entry and the folder their relative paths resolve against. */
function entryFiles(entry: unknown, dir: string): { files: string[]; base?: string } | undefined {
  if (typeof entry === "string") return { files: [resolve(dir, entry)] };
  if (!isMapping(entry)) return undefined;
  const paths = typeof entry.path === "string" ? [entry.path] : entry.path;
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === "string")) return undefined;
  const files = paths.map((p) => resolve(dir, p));
  return typeof entry.project_directory === "string"
    ? { files, base: resolve(dir, entry.project_directory) }
    : { files };
}

/**
 * Top-level `include`: each entry's files are loaded as a stack of their own (their `include`
 * and `extends` resolved, their relative paths made absolute against their own folder, or the
 * entry's `project_directory`), then their services, networks, volumes, secrets and configs
 * join this stack. A name defined twice is an error, as in Compose. The key is removed once
 * resolved; a malformed one is left for the schema to report.
 */
export async function resolveInclude(
  data: unknown,
  dir: string,
  ctx: ReferenceContext,
  seen: readonly string[] = [],
): Promise<void> {
  if (!isMapping(data) || !Array.isArray(data.include)) return;
  const entries = data.include.map((entry) => entryFiles(entry, dir));
  if (entries.some((e) => e === undefined)) return;
  delete data.include;
  for (const [index, entry] of entries.entries()) {
    const path = ["include", index];
    for (const file of entry!.files) {
      if (seen.includes(file)) {
        ctx.sink.error({
          code: "include-cycle",
          message: `include: ${ctx.displayName(file)} includes itself (${[...seen, file].map(ctx.displayName).join(" → ")})`,
          hint: "remove one of the includes",
          path,
        });
        continue;
      }
      const included = await ctx.read(file);
      if (included === undefined) {
        ctx.sink.error({
          code: "include-not-found",
          message: `include: ${ctx.displayName(file)} cannot be read`,
          hint: "check the path; it is relative to the file that includes it",
          path,
        });
        continue;
      }
      if (!isMapping(included)) continue;
      const base = entry!.base ?? dirname(file);
      await resolveInclude(included, dirname(file), ctx, [...seen, file]);
      await resolveExtends(included, dirname(file), ctx);
      join(data, included, base, file, path, ctx);
    }
  }
}

function join(
  data: Data,
  included: Data,
  base: string,
  file: string,
  path: (string | number)[],
  ctx: ReferenceContext,
): void {
  for (const section of SECTIONS) {
    const incoming = included[section];
    if (!isMapping(incoming)) continue;
    const target: Data = isMapping(data[section]) ? (data[section] as Data) : {};
    data[section] = target;
    for (const [name, value] of Object.entries(incoming)) {
      if (name in target) {
        ctx.sink.error({
          code: "include-conflict",
          message: `${section}.${name} is defined here and in the included ${ctx.displayName(file)}`,
          hint: "rename one of them, or remove it from one file (use -f files to override instead)",
          path,
        });
        continue;
      }
      target[name] =
        section === "services"
          ? absoluteServicePaths(value, base)
          : section === "secrets" || section === "configs"
            ? (absoluteFileObjects({ [name]: value }, base) as Data)[name]
            : value;
    }
  }
}
