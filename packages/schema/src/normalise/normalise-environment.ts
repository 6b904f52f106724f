import type { ServiceInput } from "../schema/stack-file-schema.js";
import { isSensitiveKey } from "../sensitive.js";
import { keyValues, type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";
import { readKeyValueFiles } from "./read-key-value-files.js";

function readEnvFiles(service: ServiceInput, path: Path, ctx: NormaliseContext): [string, string][] {
  const entries =
    service.env_file === undefined
      ? []
      : typeof service.env_file === "string"
        ? [service.env_file]
        : service.env_file;
  return readKeyValueFiles(
    "env_file",
    entries.map((entry) =>
      typeof entry === "string"
        ? { file: entry, required: true }
        : { file: entry.path, required: entry.required !== false },
    ),
    typeof service.env_file === "string",
    path,
    ctx,
  );
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
