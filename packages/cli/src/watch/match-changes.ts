import { relative, sep } from "node:path";
import type { WatchRule } from "@stackform/schema";
import { DEFAULT_IGNORES, ignoreMatcher, includeMatcher, type PathMatcher } from "./ignore-patterns.js";

/** A path that changed, as found when its batch is handled. */
export interface Change {
  /** Absolute, on this machine. */
  path: string;
  kind: "file" | "directory" | "missing";
}

/** One rule with its patterns compiled. */
export interface CompiledRule {
  service: string;
  rule: WatchRule;
  ignored: PathMatcher;
  included: PathMatcher;
}

/** What one rule has to do for a batch: the changed paths under it, relative (`/`-separated). */
export interface Triggered {
  service: string;
  rule: WatchRule;
  changes: { relative: string; kind: Change["kind"] }[];
}

export function compileRule(service: string, rule: WatchRule): CompiledRule {
  return {
    service,
    rule,
    ignored: ignoreMatcher([...DEFAULT_IGNORES, ...rule.ignore]),
    included: includeMatcher(rule.include),
  };
}

/** `path` relative to the rule's path (`""` for the path itself), or `undefined` when outside it. */
export function underRule(rule: WatchRule, path: string): string | undefined {
  if (path === rule.path) return "";
  if (!path.startsWith(rule.path.endsWith(sep) ? rule.path : rule.path + sep)) return undefined;
  return relative(rule.path, path).split(sep).join("/");
}

/** Whether a path under the rule (relative to it) triggers it: not ignored, and included. */
export function accepts(compiled: CompiledRule, relativePath: string, kind: Change["kind"]): boolean {
  if (relativePath === "") return true;
  // A path that is gone may have been a directory: ignored as either, it stays ignored.
  const ignored =
    kind === "missing"
      ? compiled.ignored(relativePath, false) || compiled.ignored(relativePath, true)
      : compiled.ignored(relativePath, kind === "directory");
  return !ignored && compiled.included(relativePath, kind === "directory");
}

/**
 * The rules a batch of changes triggers, in the file's order. A change is handled by the first
 * rule of each service it falls under (as `compose watch` does), so a `rebuild` rule for
 * `package.json` listed before a `sync` of `.` takes that file.
 */
export function triggeredRules(rules: readonly CompiledRule[], changes: readonly Change[]): Triggered[] {
  const byRule = new Map<CompiledRule, Triggered>();
  for (const change of changes) {
    const claimed = new Set<string>();
    for (const compiled of rules) {
      if (claimed.has(compiled.service)) continue;
      const rel = underRule(compiled.rule, change.path);
      if (rel === undefined || !accepts(compiled, rel, change.kind)) continue;
      claimed.add(compiled.service);
      let entry = byRule.get(compiled);
      if (!entry) {
        entry = { service: compiled.service, rule: compiled.rule, changes: [] };
        byRule.set(compiled, entry);
      }
      entry.changes.push({ relative: rel, kind: change.kind });
    }
  }
  return rules.flatMap((compiled) => {
    const entry = byRule.get(compiled);
    return entry ? [entry] : [];
  });
}
