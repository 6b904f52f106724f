import { BIND_PROPAGATIONS, type BindPropagation } from "../model/desired-stack.js";
import { failed, type Parsed, parsed } from "./parsed.js";

/** A short `volumes:` entry split into its parts; paths are not resolved yet. */
export interface ShortVolume {
  kind: "volume" | "bind";
  /** Volume key or host path as written; `undefined` for an anonymous volume. */
  source?: string;
  target: string;
  readOnly: boolean;
  noCopy: boolean;
  /** Bind mounts only. */
  propagation?: BindPropagation;
  selinux?: "z" | "Z";
}

export const PROPAGATIONS = BIND_PROPAGATIONS;
const MODES = new Set<string>([
  "ro",
  "rw",
  "z",
  "Z",
  "nocopy",
  "cached",
  "delegated",
  "consistent",
  ...PROPAGATIONS,
]);
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
    return failed(
      `"${unknown}" is not a volume mode`,
      "use ro, rw, nocopy, z, Z or a propagation (rshared, rslave, rprivate…), separated by commas",
    );
  }
  const kind = source !== undefined && isHostPath(source) ? "bind" : "volume";
  const propagations = PROPAGATIONS.filter((p) => modes.includes(p));
  if (propagations.length > 1) {
    return failed(`"${input}" sets ${propagations.join(" and ")}`, "give one propagation mode");
  }
  const propagation = propagations[0];
  if (propagation !== undefined && kind === "volume") {
    return failed(
      `"${propagation}" in "${input}" applies to bind mounts only`,
      "remove it, or bind a host path",
    );
  }
  const volume: ShortVolume = {
    kind,
    target,
    readOnly: modes.includes("ro"),
    noCopy: modes.includes("nocopy"),
  };
  if (source !== undefined) volume.source = source;
  if (propagation !== undefined) volume.propagation = propagation;
  // On a named volume, z/Z is left to the engine's default labelling, as before.
  const selinux = modes.includes("Z") ? "Z" : modes.includes("z") ? "z" : undefined;
  if (selinux !== undefined && kind === "bind") volume.selinux = selinux;
  return parsed(volume);
}
