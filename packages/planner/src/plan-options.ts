import type { Diagnostic } from "@stackform/schema/contract";

export interface PlanOptions {
  /**
   * `apply --wait`: after everything, wait for each container (re)started by the plan to be
   * healthy (with a healthcheck) or running (without), so the apply ends when the stack is up.
   */
  waitAll?: boolean;
  /** The loader's warning diagnostics (privileged, docker socket, binds outside the project). */
  warnings?: Diagnostic[];
  /**
   * `false`: compare every container field by field even when its config-hash label matches
   * (`STACKFORM_TRUST_CONFIG_HASH=0`). The tests use it to prove the comparison finds no
   * difference on a container Stackform just made; by default a matching hash skips the work.
   */
  trustConfigHash?: boolean;
  /**
   * Milliseconds since the epoch: what time-based pull policies (`every_12h`) measure a local
   * image's last pull against. Unset, the current time.
   */
  now?: number;
  /**
   * Image references this apply has just pulled or built anew (`pull_policy: always`, `build`, a
   * time-based policy): not pulled or built again. The apply plans once more after such pulls and
   * builds, so that containers follow an image they moved, as `docker compose up` does.
   */
  freshImages?: readonly string[];
  /** Written to the `dev.stackform.version` label; not part of any config hash. */
  stackformVersion?: string;
}
