import { hostname, userInfo } from "node:os";
import type { HeldLock, StackLockOptions } from "@stackform/applier";
import type { LockHolder } from "@stackform/engine";

/** The user running this command, for lock holders and stack owners. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    // Containers without a passwd entry for the uid: the environment is all there is.
    return process.env.USER ?? "unknown";
  }
}

/** Who holds the lock, in words another user can act on ("ci, pid 4121, stack apply"). */
export function lockHolder(command: string): LockHolder {
  return { holder: `${currentUser()}, pid ${process.pid}, stack ${command}`, host: hostname() };
}

/**
 * A lock is stale, and safe to break without asking, only when its holder ran on this host and
 * its process is gone (a crashed or killed apply). Anything else may be a live run elsewhere.
 */
export function isStaleLock(held: HeldLock): boolean {
  if (held.host !== hostname()) return false;
  const pid = Number(/\bpid (\d+)\b/.exec(held.holder)?.[1]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Lock options every mutating command shares: wait up to the timeout, break stale locks. */
export function lockOptions(timeoutMs: number): StackLockOptions {
  return {
    timeoutMs,
    isStale: isStaleLock,
    onBroken: (held) =>
      process.stderr.write(
        `Broke a stale lock: its holder (${held.holder} on ${held.host}, since ${held.since}) is no longer running.\n`,
      ),
    onWaiting: (held) =>
      process.stderr.write(
        `Waiting for the lock on this stack, held by ${held.holder} on ${held.host} since ${held.since}…\n`,
      ),
  };
}
