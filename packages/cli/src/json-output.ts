/**
 * The version of the `--json` documents the CLI prints (ps, ls, validate, apply, destroy, unlock,
 * logs); `stack plan --json` has its own (`PLAN_JSON_FORMAT_VERSION`). Raised only when a field
 * changes meaning or goes away; new fields do not raise it. docs/json-output.md describes them.
 */
export const JSON_FORMAT_VERSION = 1;

/** A versioned document on stdout: pretty for one document, one line for JSON lines. */
export function printJson(
  document: Record<string, unknown>,
  options: { lines?: boolean; stream?: NodeJS.WritableStream } = {},
): void {
  const versioned = { format_version: JSON_FORMAT_VERSION, ...document };
  const text = options.lines ? JSON.stringify(versioned) : JSON.stringify(versioned, null, 2);
  (options.stream ?? process.stdout).write(`${text}\n`);
}
