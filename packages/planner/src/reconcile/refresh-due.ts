/**
 * Whether a time-based `pull_policy` (`daily`, `weekly`, `every_<interval>`) pulls now: when the
 * local image's last pull or tag (`lastTagTime`, ISO) is `intervalNs` or longer before `now`
 * (ms since the epoch), as Compose decides it. An image without a recorded time (engines before
 * 23 record none for pulls) is due: Compose pulls it too, and Stackform records the time after.
 */
export function refreshDue(lastTagTime: string | undefined, intervalNs: number, now: number): boolean {
  if (lastTagTime === undefined) return true;
  const last = Date.parse(lastTagTime);
  if (Number.isNaN(last)) return true;
  return now - last >= intervalNs / 1e6;
}

/** `3h ago`, `2d ago`: how long ago an image was pulled, for the plan's reason. */
export function ageText(lastTagTime: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(lastTagTime)) / 1000));
  if (seconds < 120) return `${seconds}s ago`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86400)}d ago`;
}
