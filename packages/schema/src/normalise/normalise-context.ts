import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import type { Lookup } from "../parse/interpolate.js";
import type { StackFile } from "../schema/stack-file-schema.js";

export type Path = (string | number)[];

/** What normalising a stack needs besides the data: names, paths, variables and the sink. */
export interface NormaliseContext {
  stackName: string;
  /** Absolute; relative paths in the files resolve against it. */
  workingDir: string;
  /** Variables for bare `environment`/`build.args` entries (environment over `.env`). */
  lookup: Lookup;
  home?: string;
  sink: DiagnosticSink;
  /** Active profiles; `*` activates every profile. */
  profiles: ReadonlySet<string>;
  /** The whole (merged) file, for checking references against what is declared. */
  file: StackFile;
  /** Paths of entries that failed validation: they are not normalised. */
  invalid: (path: Path) => boolean;
  /** How diagnostics name a file on disk (env files). */
  displayName: (file: string) => string;
}

/** Plain-object records with sorted keys, so output is deterministic. */
export function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const list = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const record: Record<string, T> = {};
  for (const [key, value] of list) record[key] = value;
  return record;
}

/** `KEY: value` map or `KEY=value` list → strings; bare keys/null values resolved by `bare`. */
export function keyValues(
  input: Record<string, string | number | boolean | null> | string[] | undefined,
  bare: (key: string) => string | undefined,
): [string, string][] {
  if (input === undefined) return [];
  const out: [string, string][] = [];
  if (Array.isArray(input)) {
    for (const item of input) {
      const eq = item.indexOf("=");
      if (eq >= 0) out.push([item.slice(0, eq), item.slice(eq + 1)]);
      else {
        const value = bare(item);
        if (value !== undefined) out.push([item, value]);
      }
    }
  } else {
    for (const [key, value] of Object.entries(input)) {
      if (value === null) {
        const resolved = bare(key);
        if (resolved !== undefined) out.push([key, resolved]);
      } else out.push([key, String(value)]);
    }
  }
  return out;
}

export const isActive = (profiles: readonly string[] | undefined, active: ReadonlySet<string>): boolean =>
  !profiles || profiles.length === 0 || active.has("*") || profiles.some((p) => active.has(p));
