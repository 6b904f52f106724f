import { failed, type Parsed, parsed } from "./parsed.js";

/**
 * A `build.cache_from` entry as the classic builder takes it: an image reference, or BuildKit's
 * `type=registry,ref=IMAGE`, which names one too. Other cache types (local, gha, s3…) are
 * BuildKit's own exporters.
 */
export function parseCacheFrom(entry: string): Parsed<string> {
  if (!entry.includes("=")) return entry.trim() === "" ? failed("the image is empty") : parsed(entry);
  const fields = new Map(
    entry.split(",").map((part) => {
      const eq = part.indexOf("=");
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const type = fields.get("type") ?? "registry";
  const ref = fields.get("ref");
  if (type !== "registry")
    return failed(
      `type=${type} is a BuildKit cache; Stackform builds with the classic builder`,
      "name an image the engine has (or can pull) to reuse its layers, like `myapp:latest`",
    );
  if (!ref) return failed(`${entry} names no image`, "write `type=registry,ref=IMAGE` or just `IMAGE`");
  return parsed(ref);
}
