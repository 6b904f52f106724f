import type { WatchRule } from "../model/desired-stack.js";

type ComposeMapping = Record<string, unknown>;

function ruleToCompose(rule: WatchRule): ComposeMapping {
  const entry: ComposeMapping = { path: rule.path, action: rule.action };
  if (rule.target !== undefined) entry.target = rule.target;
  if (rule.ignore.length > 0) entry.ignore = [...rule.ignore];
  if (rule.include !== undefined) entry.include = [...rule.include];
  if (rule.initialSync) entry.initial_sync = true;
  if (rule.exec) {
    const exec: ComposeMapping = { command: [...rule.exec.command] };
    if (rule.exec.user !== undefined) exec.user = rule.exec.user;
    if (rule.exec.privileged !== undefined) exec.privileged = rule.exec.privileged;
    if (rule.exec.workingDir !== undefined) exec.working_dir = rule.exec.workingDir;
    if (Object.keys(rule.exec.environment).length > 0) exec.environment = { ...rule.exec.environment };
    entry.exec = exec;
  }
  return entry;
}

/** `develop.watch` as the file would write it (paths absolute, as `build.context` is). */
export function developToCompose(watch: readonly WatchRule[] | undefined): ComposeMapping {
  return watch?.length ? { develop: { watch: watch.map(ruleToCompose) } } : {};
}
