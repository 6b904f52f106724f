import { failed, type Parsed, parsed } from "./parsed.js";

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

// Go's time.ParseDuration grammar, which Compose uses: a sequence of decimal numbers with units.
const DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g;

const HINT = 'write a number with a unit, like "10s", "1m30s", "500ms" or "1h"';

/** A Compose duration ("1m30s", "500ms", "0") in nanoseconds; a number is not a duration. */
export function parseDurationValue(input: unknown): Parsed<number> {
  if (typeof input === "number") {
    return failed(`${input} is not a duration: it has no unit`, `add a unit, like "${input}s"`);
  }
  if (typeof input !== "string") return failed("a duration must be a string", HINT);
  const text = input.trim();
  if (text === "0") return parsed(0);
  if (!DURATION.test(text)) return failed(`"${input}" is not a duration`, HINT);
  let ns = 0;
  for (const match of text.matchAll(PART)) {
    ns += Number(match[1]) * (UNIT_NS[match[2] ?? ""] ?? 0);
  }
  return parsed(Math.round(ns));
}

/** A duration in nanoseconds, or `undefined` when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const result = parseDurationValue(text);
  return result.ok ? result.value : undefined;
}
