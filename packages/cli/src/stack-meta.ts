import type { StackMeta } from "@stackform/engine";
import { currentUser } from "./lock-holder.js";

/**
 * Owner and expiry written by `stack apply --ttl`. The owner is who deployed: `STACK_OWNER` when
 * CI sets it (a branch, a pull request), else the user; `stack ls` shows it, `stack gc` reads expiry.
 */
export function stackMeta(ttlMs: number, now = Date.now()): StackMeta {
  return { owner: process.env.STACK_OWNER || currentUser(), expiresAt: new Date(now + ttlMs).toISOString() };
}
