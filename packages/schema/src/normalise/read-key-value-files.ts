import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isFile } from "../load/is-file.js";
import { parseDotenv } from "../parse/dotenv.js";
import type { NormaliseContext, Path } from "./normalise-context.js";

export interface KeyValueFile {
  file: string;
  /** A missing optional file is skipped without a word (`env_file: {path, required: false}`). */
  required: boolean;
}

/**
 * `env_file` and `label_file`: `KEY=value` files read in order, each problem reported at the
 * entry that names the file (and the line in the file). `key` is the stack-file key.
 */
export function readKeyValueFiles(
  key: "env_file" | "label_file",
  files: KeyValueFile[],
  single: boolean,
  path: Path,
  ctx: NormaliseContext,
): [string, string][] {
  const what = key.replace("_", "-");
  const values: [string, string][] = [];
  files.forEach(({ file, required }, index) => {
    const entryPath = single ? [...path, key] : [...path, key, index];
    const absolute = resolve(ctx.workingDir, file);
    if (!isFile(absolute)) {
      if (required) {
        ctx.sink.error({
          code: `${what}-not-found`,
          message: `${key} ${file} is not a file (looked for ${absolute})`,
          hint:
            key === "env_file"
              ? "create the file, fix the path (relative to the stack file), or write { path: ..., required: false }"
              : "create the file, or fix the path (relative to the stack file)",
          path: entryPath,
        });
      }
      return;
    }
    let text: string;
    try {
      text = readFileSync(absolute, "utf8");
    } catch (error) {
      ctx.sink.error({
        code: `${what}-not-readable`,
        message: `${key} ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
        hint: "check the file's permissions",
        path: entryPath,
      });
      return;
    }
    const parsed = parseDotenv(text, ctx.lookup);
    for (const problem of parsed.problems) {
      ctx.sink.add(problem.severity, {
        code: problem.code,
        message: `${file}: ${problem.message}`,
        hint: problem.hint,
        path: entryPath,
        position: { file: ctx.displayName(absolute), line: problem.line, column: 1 },
      });
    }
    values.push(...Object.entries(parsed.values));
  });
  return values;
}
