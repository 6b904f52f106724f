import type { DesiredService, LifecycleHook } from "@stackform/schema/contract";
import type { HookRun } from "../model/operation.js";

function hookRun(service: string, name: string, hook: LifecycleHook): HookRun {
  const run: HookRun = { service, hook: name, command: [...hook.command], env: { ...hook.environment } };
  if (hook.sensitiveKeys.length > 0) run.sensitiveEnv = [...hook.sensitiveKeys];
  if (hook.user !== undefined) run.user = hook.user;
  if (hook.workingDir !== undefined) run.workingDir = hook.workingDir;
  if (hook.privileged !== undefined) run.privileged = hook.privileged;
  return run;
}

/** The service's `post_start` hooks as the start of one of its containers runs them. */
export const postStartRuns = (service: DesiredService | undefined): HookRun[] =>
  (service?.hooks?.postStart ?? []).map((hook, i) => hookRun(service!.name, `post_start[${i}]`, hook));

/** The service's `pre_stop` hooks as the stop of one of its containers runs them. */
export const preStopRuns = (service: DesiredService | undefined): HookRun[] =>
  (service?.hooks?.preStop ?? []).map((hook, i) => hookRun(service!.name, `pre_stop[${i}]`, hook));

/** `{ postStart }` / `{ preStop }` to spread into an operation, or nothing: plans without hooks are as before. */
export const withPostStart = (service: DesiredService | undefined): { postStart?: HookRun[] } => {
  const runs = postStartRuns(service);
  return runs.length > 0 ? { postStart: runs } : {};
};

export const withPreStop = (service: DesiredService | undefined): { preStop?: HookRun[] } => {
  const runs = preStopRuns(service);
  return runs.length > 0 ? { preStop: runs } : {};
};
