import type { ServiceInput } from "../schema/stack-file-schema.js";
import { keyValues, type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";
import { readKeyValueFiles } from "./read-key-value-files.js";

/** `label_file` entries in order (`KEY=value` lines, as env files), then `labels` over them. */
export function normaliseLabels(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): Record<string, string> {
  const files =
    service.label_file === undefined
      ? []
      : typeof service.label_file === "string"
        ? [service.label_file]
        : service.label_file;
  const merged = new Map<string, string>(
    readKeyValueFiles(
      "label_file",
      files.map((file) => ({ file, required: true })),
      typeof service.label_file === "string",
      path,
      ctx,
    ),
  );
  for (const [key, value] of keyValues(service.labels, () => "")) merged.set(key, value);
  return sortedRecord(merged);
}
