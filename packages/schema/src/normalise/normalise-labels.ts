import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isFile } from "../load/is-file.js";
import { parseDotenv } from "../parse/dotenv.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { keyValues, type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";

/** `label_file` entries in order (`KEY=value` lines, as env files), then `labels` over them. */
export function normaliseLabels(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): Record<string, string> {
  const merged = new Map<string, string>();
  const files =
    service.label_file === undefined
      ? []
      : typeof service.label_file === "string"
        ? [service.label_file]
        : service.label_file;
  files.forEach((file, index) => {
    const entryPath =
      typeof service.label_file === "string" ? [...path, "label_file"] : [...path, "label_file", index];
    const absolute = resolve(ctx.workingDir, file);
    if (!isFile(absolute)) {
      ctx.sink.error({
        code: "label-file-not-found",
        message: `label_file ${file} is not a file (looked for ${absolute})`,
        hint: "create the file, or fix the path (relative to the stack file)",
        path: entryPath,
      });
      return;
    }
    let text: string;
    try {
      text = readFileSync(absolute, "utf8");
    } catch (error) {
      ctx.sink.error({
        code: "label-file-not-readable",
        message: `label_file ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
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
    for (const [key, value] of Object.entries(parsed.values)) merged.set(key, value);
  });
  for (const [key, value] of keyValues(service.labels, () => "")) merged.set(key, value);
  return sortedRecord(merged);
}
