import { dirname, resolve } from "node:path";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { absoluteServicePaths } from "./absolute-paths.js";
import { mergeService } from "./merge-stack-data.js";

type Data = Record<string, unknown>;

const isMapping = (value: unknown): value is Data =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export interface ReferenceContext {
  sink: DiagnosticSink;
  /** The data of another stack file, interpolated; `undefined` (and a diagnostic) when it cannot be read. */
  read: (file: string) => Promise<unknown>;
  displayName: (file: string) => string;
}

/** `extends: name` or `extends: {service, file}`; `undefined` when malformed (the schema says why). */
function reference(value: unknown): { service: string; file?: string } | undefined {
  if (typeof value === "string") return { service: value };
  if (!isMapping(value) || typeof value.service !== "string") return undefined;
  if (value.file !== undefined && typeof value.file !== "string") return undefined;
  return value.file === undefined ? { service: value.service } : { service: value.service, file: value.file };
}

/**
 * Replaces each service's `extends` with the service it names (in this file or another), merged
 * under it with the same rules as override files, recursively. Problems are reported at the
 * extending service's `extends` key. A malformed `extends` is left for the schema to report.
 */
export async function resolveExtends(data: unknown, dir: string, ctx: ReferenceContext): Promise<void> {
  if (!isMapping(data) || !isMapping(data.services)) return;
  const services = data.services;
  const files = new Map<string, Data>();
  for (const name of Object.keys(services)) {
    const service = services[name];
    if (!isMapping(service) || reference(service.extends) === undefined) continue;
    const path = ["services", name, "extends"];
    const resolved = await expand(services, name, dir, "", [], path, files, ctx);
    if (resolved !== undefined) services[name] = resolved;
  }
}

async function expand(
  services: Data,
  name: string,
  dir: string,
  file: string,
  chain: string[],
  path: (string | number)[],
  files: Map<string, Data>,
  ctx: ReferenceContext,
): Promise<Data | undefined> {
  const service = services[name];
  if (!isMapping(service)) return undefined;
  const ref = reference(service.extends);
  if (ref === undefined) return service.extends === undefined ? service : undefined;
  const here = `${file}\0${name}`;
  if (chain.includes(here)) {
    ctx.sink.error({
      code: "extends-cycle",
      message: `services.${path[1]} extends itself through ${[...chain, here].map((k) => k.split("\0")[1]).join(" → ")}`,
      hint: "a service cannot extend a service that extends it; break the circle",
      path,
      anchor: "key",
    });
    return undefined;
  }
  let baseServices = services;
  let baseDir = dir;
  let baseFile = file;
  if (ref.file !== undefined) {
    baseFile = resolve(dir, ref.file);
    baseDir = dirname(baseFile);
    let data = files.get(baseFile);
    if (!data) {
      const read = await ctx.read(baseFile);
      if (read === undefined) {
        ctx.sink.error({
          code: "extends-file-not-found",
          message: `services.${path[1]} extends a service of ${ref.file}, which cannot be read`,
          hint: "check the path; it is relative to the file that names it",
          path,
        });
        return undefined;
      }
      data = isMapping(read) ? read : {};
      files.set(baseFile, data);
    }
    baseServices = isMapping(data.services) ? data.services : {};
  }
  if (!isMapping(baseServices[ref.service])) {
    const suggestion = didYouMean(ref.service, Object.keys(baseServices));
    ctx.sink.error({
      code: "unknown-service",
      message: `services.${path[1]} extends \`${ref.service}\`, which is not a service${ref.file ? ` of ${ref.file}` : ""}`,
      hint: suggestion
        ? `did you mean \`${suggestion}\`?`
        : `services there: ${Object.keys(baseServices).join(", ")}`,
      path,
    });
    return undefined;
  }
  const base = await expand(baseServices, ref.service, baseDir, baseFile, [...chain, here], path, files, ctx);
  if (base === undefined) return undefined;
  const { extends: _extends, ...own } = service;
  const rebased = baseDir === dir ? base : (absoluteServicePaths(base, baseDir) as Data);
  return mergeService(rebased, own) as Data;
}
