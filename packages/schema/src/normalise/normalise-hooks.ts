import { formatPath } from "../diagnostics/document-path.js";
import type { LifecycleHook, ServiceHooks } from "../model/desired-stack.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { isSensitiveKey } from "../sensitive.js";
import { keyValues, type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";
import { normaliseCommand } from "./normalise-runtime.js";

type HookInput = NonNullable<ServiceInput["post_start"]>[number];

/** What an empty command is called, and what to write instead: hooks and watch's `exec` differ. */
interface EmptyCommand {
  code: string;
  hint: string;
}

const EMPTY_HOOK: EmptyCommand = {
  code: "empty-hook-command",
  hint: 'give the command to run, e.g. `command: ["sh", "-c", "echo started"]`',
};

/** A command run in the container as `docker exec` would: a lifecycle hook, or a watch rule's `exec`. */
export function normaliseHook(
  input: HookInput,
  path: Path,
  ctx: NormaliseContext,
  declaredSensitive: ReadonlySet<string>,
  empty: EmptyCommand = EMPTY_HOOK,
): LifecycleHook | undefined {
  const command = normaliseCommand(input.command, [...path, "command"], ctx);
  if (command === undefined) return undefined;
  if (command.length === 0) {
    ctx.sink.error({
      code: empty.code,
      message: `${formatPath([...path, "command"])} is empty`,
      hint: empty.hint,
      path: [...path, "command"],
    });
    return undefined;
  }
  const environment = sortedRecord(keyValues(input.environment, ctx.lookup));
  const hook: LifecycleHook = {
    command,
    environment,
    // The service's rule: named like a secret, or declared with the service's `x-sensitive`.
    sensitiveKeys: Object.keys(environment).filter(
      (key) => isSensitiveKey(key) || declaredSensitive.has(key),
    ),
  };
  if (input.user !== undefined) hook.user = String(input.user);
  if (input.working_dir !== undefined) hook.workingDir = input.working_dir;
  if (input.privileged !== undefined) hook.privileged = input.privileged;
  return hook;
}

function normaliseList(
  service: ServiceInput,
  key: "post_start" | "pre_stop",
  path: Path,
  ctx: NormaliseContext,
): LifecycleHook[] {
  const declared = new Set(service["x-sensitive"] ?? []);
  const hooks: LifecycleHook[] = [];
  (service[key] ?? []).forEach((input, index) => {
    const hook = normaliseHook(input, [...path, key, index], ctx, declared);
    if (hook) hooks.push(hook);
  });
  return hooks;
}

/** `post_start` and `pre_stop` in the file's order; `undefined` when the service has none. */
export function normaliseHooks(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): ServiceHooks | undefined {
  if (service.post_start === undefined && service.pre_stop === undefined) return undefined;
  return {
    postStart: normaliseList(service, "post_start", path, ctx),
    preStop: normaliseList(service, "pre_stop", path, ctx),
  };
}
