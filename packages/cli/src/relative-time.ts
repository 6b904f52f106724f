/** "3h", "2d", "45s": the largest whole unit of a span, for `stack ls`. */
export function shortSpan(ms: number): string {
  const s = Math.abs(ms) / 1000;
  if (s < 60) return `${Math.floor(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** "in 3h" or "expired 2d ago". */
export function expiryText(expiresAt: string | undefined, now: number): string {
  if (expiresAt === undefined) return "-";
  const left = Date.parse(expiresAt) - now;
  return left > 0 ? `in ${shortSpan(left)}` : `expired ${shortSpan(left)} ago`;
}

export const isExpired = (expiresAt: string | undefined, now: number): boolean =>
  expiresAt !== undefined && Date.parse(expiresAt) <= now;
