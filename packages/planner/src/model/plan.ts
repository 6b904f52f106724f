import type { Diagnostic } from "@stackform/schema/contract";
import type { Operation } from "./operation.js";

export const PLAN_FORMAT_VERSION = 1;

/** A graph of operations plus, for people, the changes they make and why. */
export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  stack: string;
  /** Operations in a deterministic order; `after` edges form a DAG. */
  operations: Operation[];
  changes: Change[];
  /** Things worth a look that do not stop the plan (bind mounts outside the project, ...). */
  warnings: Diagnostic[];
  /** Digest of the observed state the plan was made from; a saved plan is stale when it differs. */
  fingerprint: string;
}

export type ChangeAction = "create" | "update" | "replace" | "remove" | "keep";

/** One resource's change, grouped for display. Causes are for people; the applier ignores them. */
export interface Change {
  /** `service web`, `network back`, `volume data`, `image app-web`. */
  resource: string;
  action: ChangeAction;
  cause: string;
  fields: FieldChange[];
  /**
   * A service's containers that this change touches, each with its own action, and its own cause
   * when that is not the change's (one replica stopped outside Stackform, another scaled away).
   */
  members?: ChangeMember[];
  /** Ids of the operations this change consists of. */
  operations: string[];
}

export interface ChangeMember {
  /** The container's engine name. */
  name: string;
  action: ChangeAction;
  cause: string;
}

export interface FieldChange {
  /** Dotted path in stack-file terms, e.g. `environment.DB_HOST`, `ports[0]`. */
  path: string;
  before?: unknown;
  after?: unknown;
  /** Render `(sensitive)` in place of the values. */
  sensitive: boolean;
  forcesReplace: boolean;
}
