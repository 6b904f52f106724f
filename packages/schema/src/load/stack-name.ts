import { basename } from "node:path";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";

const VALID = /^[a-z0-9][a-z0-9_-]*$/;
const HINT = "stack names use lower-case letters, digits, '_' and '-', and start with a letter or digit";

/** Compose's normalisation of a directory name: lower-cased, other characters dropped. */
export function normaliseStackName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "")
    .replace(/^[_-]+/, "");
}

export interface NameSources {
  /** `name:` from the merged file. */
  fromFile?: unknown;
  /** The loader's `name` option (`--name`). */
  option?: string;
  /** `STACK_NAME` from the environment. */
  env?: string;
  /** The project directory. */
  workingDir: string;
}

/**
 * `name:` in the file, else `--name`, else `STACK_NAME`, else the directory name. Explicit names
 * are lower-cased and must then be valid; a directory name is normalised.
 */
export function resolveStackName(sources: NameSources, sink: DiagnosticSink): string {
  const explicit: [string, string, (string | number)[] | undefined][] = [];
  if (typeof sources.fromFile === "string" && sources.fromFile !== "")
    explicit.push([sources.fromFile, "name:", ["name"]]);
  if (sources.option) explicit.push([sources.option, "--name", undefined]);
  if (sources.env) explicit.push([sources.env, "STACK_NAME", undefined]);
  const first = explicit[0];
  if (first) {
    const [raw, where, path] = first;
    const name = raw.toLowerCase();
    if (!VALID.test(name)) {
      const suggestion = normaliseStackName(raw);
      sink.error({
        code: "invalid-stack-name",
        message: `the stack name "${raw}" from ${where} is not valid`,
        hint: suggestion ? `${HINT}; for example "${suggestion}"` : HINT,
        ...(path ? { path } : {}),
      });
    }
    return name;
  }
  const fromDir = normaliseStackName(basename(sources.workingDir));
  if (!fromDir) {
    sink.error({
      code: "invalid-stack-name",
      message: `no stack name can be made from the directory name "${basename(sources.workingDir)}"`,
      hint: "set `name:` in the stack file, or pass --name",
    });
    return "stack";
  }
  return fromDir;
}
