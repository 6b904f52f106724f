import { SENSITIVE_MASK } from "@stackform/schema/contract";
import type { HookRun, Operation } from "../model/operation.js";
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

const maskHooks = (runs: readonly HookRun[]): HookRun[] =>
  runs.map((run) => ({ ...run, env: maskRecord(run.env, run.sensitiveEnv) }));

/**
 * A copy of the operation with secret values replaced by `(sensitive)`: environment values of a
 * created container and build args, as the planner listed them from the stack's sensitive keys,
 * and the contents of the secrets copied into it.
 */
export function maskOperation(op: Operation, showSensitive: boolean): Operation {
  if (showSensitive) return op;
  switch (op.kind) {
    case "createContainer": {
      const spec = { ...op.spec, env: maskRecord(op.spec.env, op.sensitiveEnv) };
      if (op.spec.files)
        spec.files = op.spec.files.map((file) =>
          file.sensitive ? { ...file, content: SENSITIVE_MASK } : file,
        );
      return { ...op, spec };
    }
    case "buildImage":
      return { ...op, build: { ...op.build, args: maskRecord(op.build.args, op.sensitiveArgs) } };
    case "startContainer":
      return op.postStart ? { ...op, postStart: maskHooks(op.postStart) } : op;
    case "stopContainer":
      return op.preStop ? { ...op, preStop: maskHooks(op.preStop) } : op;
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
