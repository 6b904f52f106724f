import type { Diagnostic } from "@stackform/schema";

export interface PlanOptions {
  /**
   * `apply --wait`: after everything, wait for each container (re)started by the plan to be
   * healthy (with a healthcheck) or running (without), so the apply ends when the stack is up.
   */
  waitAll?: boolean;
  /** The loader's warning diagnostics (privileged, docker socket, binds outside the project). */
  warnings?: Diagnostic[];
  /** Written to the `dev.stackform.version` label; not part of any config hash. */
  stackformVersion?: string;
}
