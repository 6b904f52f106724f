import { failed, type Parsed, parsed } from "./parsed.js";

/** Compose's pull policies, `if_not_present` read as `missing`, the time-based ones as `refresh`. */
export type PullPolicyValue =
  | { policy: "missing" | "always" | "never" | "build" }
  /** `interval` in nanoseconds; absent for a bare `refresh`, whose interval is `pull_refresh_after`. */
  | { policy: "refresh"; interval?: number };

const HOUR_NS = 3600e9;
const DAY_NS = 24 * HOUR_NS;

// The Specification's grammar for `every_<interval>` (compose-go reads it with str2duration).
const UNIT_NS: Record<string, number> = { w: 7 * DAY_NS, d: DAY_NS, h: HOUR_NS, m: 60e9, s: 1e9 };
const INTERVAL = /^(?:\d+[wdhms])+$/;
const PART = /(\d+)([wdhms])/g;

const POLICY_HINT =
  "use always, never, missing, build, daily, weekly, every_<interval> (like every_12h or every_2d) or refresh";
const INTERVAL_HINT = 'write whole numbers with units w, d, h, m or s, like "12h", "2d" or "1d12h"';

/** A refresh interval: `12h`, `2d`, `1w`, `1d12h`, in nanoseconds (more than zero). */
export function parseRefreshInterval(text: string): Parsed<number> {
  if (!INTERVAL.test(text)) return failed(`"${text}" is not a refresh interval`, INTERVAL_HINT);
  let ns = 0;
  for (const match of text.matchAll(PART)) ns += Number(match[1]) * (UNIT_NS[match[2] ?? ""] ?? 0);
  if (ns <= 0)
    return failed(`a refresh interval of "${text}" would pull on every apply`, "use `always` for that");
  return parsed(ns);
}

/** One `pull_policy` value, as Compose reads it. */
export function parsePullPolicy(text: string): Parsed<PullPolicyValue> {
  switch (text) {
    case "always":
    case "never":
    case "missing":
    case "build":
      return parsed({ policy: text });
    case "if_not_present":
      return parsed({ policy: "missing" });
    case "daily":
      return parsed({ policy: "refresh", interval: DAY_NS });
    case "weekly":
      return parsed({ policy: "refresh", interval: 7 * DAY_NS });
    case "refresh":
      return parsed({ policy: "refresh" });
  }
  if (text.startsWith("every_")) {
    const interval = parseRefreshInterval(text.slice("every_".length));
    if (!interval.ok) return failed(`pull_policy "${text}": ${interval.message}`, interval.hint);
    return parsed({ policy: "refresh", interval: interval.value });
  }
  return failed(`"${text}" is not a pull policy`, POLICY_HINT);
}

/** How `compose export` writes an interval back: `daily`, `weekly`, or `every_1d12h`. */
export function pullPolicyText(interval: number): string {
  if (interval === DAY_NS) return "daily";
  if (interval === 7 * DAY_NS) return "weekly";
  return `every_${intervalText(interval)}`;
}

/** `1d12h`, `90m`, `30s`: in the grammar `every_` takes (whole units, largest first). */
export function intervalText(interval: number): string {
  let rest = Math.round(interval / 1e9);
  let text = "";
  for (const [unit, size] of [
    ["w", 7 * 86400],
    ["d", 86400],
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text || "0s";
}
