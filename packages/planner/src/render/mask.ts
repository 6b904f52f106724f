import { isSensitiveKey, SENSITIVE_MASK } from "@stackform/schema";
import type { Operation } from "../model/operation.js";
import type { FieldChange } from "../model/plan.js";

function maskRecord(
  values: Record<string, string>,
  secret: readonly string[] | undefined,
): Record<string, string> {
  const declared = new Set(secret ?? []);
  const masked: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    masked[key] = declared.has(key) || isSensitiveKey(key) ? SENSITIVE_MASK : value;
  }
  return masked;
}

/**
 * A copy of the operation with secret values replaced by `(sensitive)`: environment values of a
 * created container and build args. Keys named like secrets are masked even when the planner
 * did not list them, so a hand-made operation cannot leak either.
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
  const named =
    field.path.startsWith("environment.") && isSensitiveKey(field.path.slice("environment.".length));
  const secret = (field.sensitive || named) && !showSensitive;
  return {
    before: secret && field.before !== undefined ? SENSITIVE_MASK : field.before,
    after: secret && field.after !== undefined ? SENSITIVE_MASK : field.after,
  };
}
