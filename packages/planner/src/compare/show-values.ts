/** `1m30s`, `500ms`, `2h`: a duration in nanoseconds as a stack file writes it. */
export function durationText(nanoseconds: number): string {
  if (nanoseconds % 1e9 !== 0) {
    const ms = nanoseconds / 1e6;
    return Number.isInteger(ms) ? `${ms}ms` : `${nanoseconds / 1e3}us`;
  }
  let seconds = nanoseconds / 1e9;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const text = `${hours ? `${hours}h` : ""}${minutes ? `${minutes}m` : ""}${seconds ? `${seconds}s` : ""}`;
  return text || "0s";
}
