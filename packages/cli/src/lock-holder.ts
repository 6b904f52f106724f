import { hostname, userInfo } from "node:os";
import type { LockHolder } from "@stackform/engine";

/** Who holds the lock, in words another user can act on ("ci@runner-3, pid 4121, stack apply"). */
export function lockHolder(command: string): LockHolder {
  let user = process.env.USER ?? "unknown";
  try {
    user = userInfo().username;
  } catch {
    // Containers without a passwd entry for the uid: the environment is all there is.
  }
  return { holder: `${user}, pid ${process.pid}, stack ${command}`, host: hostname() };
}
