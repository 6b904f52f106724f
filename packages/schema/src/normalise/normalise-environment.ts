import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isFile } from "../load/is-file.js";
import { parseDotenv } from "../parse/dotenv.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { isSensitiveKey } from "../sensitive.js";
import { keyValues, type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";

function readEnvFiles(service: ServiceInput, path: Path, ctx: NormaliseContext): [string, string][] {
  const entries =
    service.env_file === undefined
      ? []
      : typeof service.env_file === "string"
        ? [service.env_file]
        : service.env_file;
  const values: [string, string][] = [];
  entries.forEach((entry, index) => {
    const file = typeof entry === "string" ? entry : entry.path;
    const required = typeof entry === "string" ? true : entry.required !== false;
    const entryPath =
      typeof service.env_file === "string" ? [...path, "env_file"] : [...path, "env_file", index];
    const absolute = resolve(ctx.workingDir, file);
    if (!isFile(absolute)) {
      if (required) {
        ctx.sink.error({
          code: "env-file-not-found",
          message: `env_file ${file} is not a file (looked for ${absolute})`,
          hint: "create the file, fix the path (relative to the stack file), or write { path: ..., required: false }",
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
        code: "env-file-not-readable",
        message: `env_file ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
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

/** `env_file` entries in order, then `environment` over them; and the keys never to print. */
export function normaliseEnvironment(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): { environment: Record<string, string>; sensitiveKeys: string[] } {
  const merged = new Map<string, string>(readEnvFiles(service, path, ctx));
  for (const [key, value] of keyValues(service.environment, ctx.lookup)) merged.set(key, value);
  const environment = sortedRecord(merged);
  const declared = service["x-sensitive"] ?? [];
  const sensitive = new Set([...Object.keys(environment).filter(isSensitiveKey), ...declared]);
  return { environment, sensitiveKeys: [...sensitive].sort() };
}
