import { posix, resolve } from "node:path";
import { formatPath } from "../diagnostics/document-path.js";
import type { WatchRule } from "../model/desired-stack.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import type { NormaliseContext, Path } from "./normalise-context.js";
import { normaliseHook } from "./normalise-hooks.js";

type RuleInput = NonNullable<NonNullable<ServiceInput["develop"]>["watch"]>[number];

const SYNCS = new Set<string>(["sync", "sync+restart", "sync+exec"]);

const EMPTY_EXEC = {
  code: "empty-watch-exec",
  hint: 'give the command to run after a sync, e.g. `command: ["kill", "-HUP", "1"]`',
};

function normaliseRule(
  name: string,
  service: ServiceInput,
  input: RuleInput,
  path: Path,
  ctx: NormaliseContext,
): WatchRule | undefined {
  const syncs = SYNCS.has(input.action);
  let ok = true;
  const problem = (code: string, key: string, message: string, hint: string) => {
    ctx.sink.error({ code, message, hint, path: [...path, key], anchor: "key" });
    ok = false;
  };
  if (syncs && input.target === undefined) {
    problem(
      "watch-target-missing",
      "action",
      `${formatPath(path)} syncs files (action: ${input.action}) but has no \`target\``,
      "add `target:` with the directory in the container the files go to, e.g. `target: /app`",
    );
  }
  if (input.target !== undefined && !input.target.startsWith("/")) {
    problem(
      "watch-target-relative",
      "target",
      `${formatPath([...path, "target"])} is "${input.target}"; it must be an absolute path in the container`,
      `write it from the root, e.g. \`target: /${input.target.replace(/^\.\/?/, "")}\``,
    );
  }
  if (input.target !== undefined && !syncs) {
    problem(
      "watch-target-unused",
      "target",
      `${formatPath([...path, "target"])} is set but action ${input.action} copies no files`,
      "remove `target:`, or use action sync, sync+restart or sync+exec",
    );
  }
  if (input.action === "sync+exec" && input.exec === undefined) {
    problem(
      "watch-exec-missing",
      "action",
      `${formatPath(path)} has action sync+exec but no \`exec\``,
      "add `exec: { command: [...] }` with the command to run after each sync",
    );
  }
  if (input.exec !== undefined && input.action !== "sync+exec") {
    problem(
      "watch-exec-unused",
      "exec",
      `${formatPath([...path, "exec"])} is set but the action is ${input.action}`,
      "use `action: sync+exec`, or remove `exec:`",
    );
  }
  if (input.action === "rebuild" && service.build === undefined) {
    problem(
      "watch-rebuild-without-build",
      "action",
      `${formatPath(path)} rebuilds services.${name}, which has no \`build\` section`,
      "add `build:` to the service, or use action restart or sync",
    );
  }
  if (input.initial_sync !== undefined && !syncs) {
    problem(
      "watch-initial-sync-unused",
      "initial_sync",
      `${formatPath([...path, "initial_sync"])} is set but action ${input.action} copies no files`,
      "remove `initial_sync:`",
    );
  }
  const exec =
    input.exec === undefined
      ? undefined
      : normaliseHook(input.exec, [...path, "exec"], ctx, new Set(service["x-sensitive"] ?? []), EMPTY_EXEC);
  if (!ok || (input.exec !== undefined && exec === undefined)) return undefined;
  const rule: WatchRule = {
    path: resolve(ctx.workingDir, input.path),
    action: input.action,
    ignore: [...(input.ignore ?? [])],
    initialSync: input.initial_sync ?? false,
  };
  // Without a trailing slash: the watcher joins relative paths onto it.
  if (input.target !== undefined) rule.target = posix.normalize(input.target).replace(/(.)\/+$/, "$1");
  if (input.include !== undefined) rule.include = [...input.include];
  if (exec) rule.exec = exec;
  return rule;
}

/** `develop.watch` with absolute paths, in the file's order; `undefined` when there are no rules. */
export function normaliseDevelop(
  name: string,
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): WatchRule[] | undefined {
  const rules = service.develop?.watch;
  if (rules === undefined || rules.length === 0) return undefined;
  const out: WatchRule[] = [];
  rules.forEach((input, index) => {
    const rule = normaliseRule(name, service, input, [...path, "develop", "watch", index], ctx);
    if (rule) out.push(rule);
  });
  return out;
}
