import type { LifecycleHook, ServiceHooks } from "../model/desired-stack.js";

type ComposeMapping = Record<string, unknown>;

function hookToCompose(hook: LifecycleHook): ComposeMapping {
  const entry: ComposeMapping = { command: [...hook.command] };
  if (hook.user !== undefined) entry.user = hook.user;
  if (hook.privileged !== undefined) entry.privileged = hook.privileged;
  if (hook.workingDir !== undefined) entry.working_dir = hook.workingDir;
  if (Object.keys(hook.environment).length > 0) entry.environment = { ...hook.environment };
  return entry;
}

/** `post_start` and `pre_stop` as the file would write them; empty lists are left out. */
export function hooksToCompose(hooks: ServiceHooks | undefined): ComposeMapping {
  const out: ComposeMapping = {};
  if (hooks?.postStart.length) out.post_start = hooks.postStart.map(hookToCompose);
  if (hooks?.preStop.length) out.pre_stop = hooks.preStop.map(hookToCompose);
  return out;
}
