/**
 * Milliseconds as a flag's duration text in the largest unit that divides them whole
 * (`120000` → `"2m"`, `0` → `"0s"`), so help shows an applier default as a user would type it.
 */
export function durationText(ms: number): string {
  if (ms === 0) return "0s";
  for (const [unit, size] of [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
