import { failed, type Parsed, parsed } from "./parsed.js";

/** A short `volumes:` entry split into its parts; paths are not resolved yet. */
export interface ShortVolume {
  kind: "volume" | "bind";
  /** Volume key or host path as written; `undefined` for an anonymous volume. */
  source?: string;
  target: string;
  readOnly: boolean;
  noCopy: boolean;
}

const MODES = new Set(["ro", "rw", "z", "Z", "nocopy", "cached", "delegated", "consistent"]);
const HINT = 'write it like "data:/var/lib/data", "./dir:/app:ro" or "/container/path"';

export const isHostPath = (source: string): boolean =>
  source.startsWith(".") || source.startsWith("/") || source.startsWith("~");

/** Compose's short volume syntax `[SOURCE:]TARGET[:MODE]`. */
export function parseVolumeShort(input: string): Parsed<ShortVolume> {
  const parts = input.split(":");
  if (parts.length > 3 || parts.some((part) => part === ""))
    return failed(`"${input}" is not a volume`, HINT);
  let source: string | undefined;
  let target: string;
  let mode = "";
  if (parts.length === 1) {
    target = parts[0] as string;
  } else if (parts.length === 2) {
    // "target:ro" is an anonymous volume with a mode; otherwise "source:target".
    const [a, b] = parts as [string, string];
    if (b.split(",").every((m) => MODES.has(m)) && a.startsWith("/")) {
      target = a;
      mode = b;
    } else {
      source = a;
      target = b;
    }
  } else {
    [source, target, mode] = parts as [string, string, string];
  }
  if (!target.startsWith("/")) {
    return failed(`the container path "${target}" in "${input}" is not absolute`, HINT);
  }
  const modes = mode === "" ? [] : mode.split(",");
  const unknown = modes.find((m) => !MODES.has(m));
  if (unknown !== undefined) {
    return failed(`"${unknown}" is not a volume mode`, "use ro, rw, nocopy, z or Z, separated by commas");
  }
  const volume: ShortVolume = {
    kind: source !== undefined && isHostPath(source) ? "bind" : "volume",
    target,
    readOnly: modes.includes("ro"),
    noCopy: modes.includes("nocopy"),
  };
  if (source !== undefined) volume.source = source;
  return parsed(volume);
}
