import { SENSITIVE_MASK } from "@stackform/schema";
import type { Operation } from "../model/operation.js";
import type { FieldChange } from "../model/plan.js";

function maskRecord(
  values: Record<string, string>,
  secret: readonly string[] | undefined,
): Record<string, string> {
  const sensitive = new Set(secret ?? []);
  const masked: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    masked[key] = sensitive.has(key) ? SENSITIVE_MASK : value;
  }
  return masked;
}

/**
 * A copy of the operation with secret values replaced by `(sensitive)`: environment values of a
 * created container and build args, as the planner listed them from the stack's sensitive keys.
 */
export function maskOperation(op: Operation, showSensitive: boolean): Operation {
  if (showSensitive) return op;
  switch (op.kind) {
    case "createContainer":
      return { ...op, spec: { ...op.spec, env: maskRecord(op.spec.env, op.sensitiveEnv) } };
    case "buildImage":
      return { ...op, build: { ...op.build, args: maskRecord(op.build.args, op.sensitiveArgs) } };
    default:
      return op;
  }
}

/** Field values as they may be shown: `(sensitive)` for secrets unless asked. */
export function shownValues(field: FieldChange, showSensitive: boolean): { before: unknown; after: unknown } {
  const secret = field.sensitive && !showSensitive;
  return {
    before: secret && field.before !== undefined ? SENSITIVE_MASK : field.before,
    after: secret && field.after !== undefined ? SENSITIVE_MASK : field.after,
  };
}
