import { isAbsolute, resolve } from "node:path";
import { isHostPath } from "../parse/volume-spec.js";

type Data = Record<string, unknown>;

const isMapping = (value: unknown): value is Data =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** `./x` against `dir`; absolute paths, `~` paths and URLs (git build contexts) stay as written. */
const absolute = (dir: string, path: unknown): unknown =>
  typeof path !== "string" || isAbsolute(path) || path.startsWith("~") || path.includes("://")
    ? path
    : resolve(dir, path);

const fileList = (dir: string, value: unknown): unknown =>
  Array.isArray(value)
    ? value.map((entry) =>
        isMapping(entry) ? { ...entry, path: absolute(dir, entry.path) } : absolute(dir, entry),
      )
    : absolute(dir, value);

function volume(dir: string, entry: unknown): unknown {
  if (isMapping(entry))
    return entry.type === "bind" ? { ...entry, source: absolute(dir, entry.source) } : entry;
  if (typeof entry !== "string") return entry;
  const colon = entry.indexOf(":");
  const source = colon < 0 ? "" : entry.slice(0, colon);
  return source.startsWith(".") && isHostPath(source)
    ? `${absolute(dir, source)}${entry.slice(colon)}`
    : entry;
}

/**
 * A service defined in another file (`extends: {file}`, `include`) with its relative paths made
 * absolute against that file's folder, as Compose resolves them: the stack's own folder would
 * be the wrong base for them.
 */
export function absoluteServicePaths(service: unknown, dir: string): unknown {
  if (!isMapping(service)) return service;
  const out: Data = { ...service };
  if (typeof out.build === "string") out.build = absolute(dir, out.build);
  else if (isMapping(out.build))
    out.build = { ...out.build, context: absolute(dir, out.build.context ?? ".") };
  if (out.env_file !== undefined) out.env_file = fileList(dir, out.env_file);
  if (out.label_file !== undefined) out.label_file = fileList(dir, out.label_file);
  if (Array.isArray(out.volumes)) out.volumes = out.volumes.map((entry) => volume(dir, entry));
  return out;
}

/** Top-level `secrets:`/`configs:` entries of another file, with `file:` made absolute. */
export function absoluteFileObjects(objects: unknown, dir: string): unknown {
  if (!isMapping(objects)) return objects;
  return Object.fromEntries(
    Object.entries(objects).map(([key, value]) => [
      key,
      isMapping(value) && typeof value.file === "string"
        ? { ...value, file: absolute(dir, value.file) }
        : value,
    ]),
  );
}
