import type { Plan } from "../model/plan.js";
import { maskOperation, shownValues } from "./mask.js";
import { summarise } from "./summary.js";

export const PLAN_JSON_FORMAT_VERSION = 1;

/**
 * Keys whose children are data, not field names: environment names, labels, driver options,
 * IPAM options, build args and the before/after values of a field. They are kept verbatim.
 */
const VERBATIM = new Set(["env", "labels", "driverOpts", "options", "args", "before", "after"]);

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    out[snake(key)] = VERBATIM.has(key) ? member : snakeKeys(member);
  }
  return out;
}

/**
 * `stack plan --json`: a versioned document for machines. Keys are snake_case throughout
 * (`format_version`, `forces_replace`, `stop_timeout_seconds`), as the rest of the `--json`
 * outputs; names inside records (environment keys, labels) are kept as they are. Secret values
 * print as `(sensitive)` in changes and in operations alike unless `showSensitive`.
 */
export function planToJson(plan: Plan, options: { showSensitive?: boolean } = {}): Record<string, unknown> {
  const showSensitive = options.showSensitive ?? false;
  return {
    format_version: PLAN_JSON_FORMAT_VERSION,
    stack: plan.stack,
    fingerprint: plan.fingerprint,
    summary: summarise(plan),
    changes: plan.changes.map((change) => ({
      resource: change.resource,
      action: change.action,
      cause: change.cause,
      fields: change.fields.map((field) => {
        const { before, after } = shownValues(field, showSensitive);
        return snakeKeys({
          path: field.path,
          before,
          after,
          sensitive: field.sensitive,
          forcesReplace: field.forcesReplace,
        });
      }),
      operations: change.operations,
    })),
    operations: plan.operations.map((op) => snakeKeys(maskOperation(op, showSensitive))),
    warnings: plan.warnings.map(snakeKeys),
  };
}
