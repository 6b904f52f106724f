import type { Change, ChangeAction, Operation } from "@stackform/planner";
import type { ApplyResult, OutcomeStatus } from "./apply-result.js";

/** One line of the account for an operation that did not succeed. */
export interface SummaryEntry {
  operation: Operation;
  status: Exclude<OutcomeStatus, "succeeded">;
  /** `failed: port 8080 is already allocated`, `skipped: start:app-db-1 failed`. */
  text: string;
  /** The error message or the reason alone: `port 8080 is already allocated`. */
  detail: string;
}

/**
 * What became of one resource of the plan (a change): the unit the plan counts, so the apply
 * summary counts the same things ("Plan: 4 to add" … "Resources: 4 added").
 */
export interface ResourceOutcome {
  /** The change's resource, as the plan names it (`service web`, `network back`). */
  resource: string;
  /** The change's action; `keep` for operations on a resource the plan does not change (waits). */
  action: ChangeAction;
  /**
   * `succeeded` when every operation did; else `failed` when one failed; else `cancelled` when the
   * apply was interrupted before one ran; else `skipped` (something it depends on failed).
   */
  status: OutcomeStatus;
  /** Its operations that did not succeed, in plan order. */
  entries: SummaryEntry[];
}

/** Resources whose operations all succeeded, by what was done to them. */
export interface ResourceCounts {
  added: number;
  changed: number;
  replaced: number;
  removed: number;
}

export interface ApplySummary {
  /** Operations by status. */
  counts: Record<OutcomeStatus, number>;
  total: number;
  /** Completed resources by action, as the plan's summary counts them (kept resources are not counted). */
  resources: ResourceCounts;
  /** Every resource with operations, in the plan's order of changes. */
  resourceOutcomes: ResourceOutcome[];
  succeeded: boolean;
  interrupted: boolean;
  elapsedMs: number;
  /** Failures first, then skips, then cancellations; plan order within each. */
  entries: SummaryEntry[];
}

const ORDER: SummaryEntry["status"][] = ["failed", "skipped", "cancelled"];
const PRECEDENCE: OutcomeStatus[] = ["failed", "cancelled", "skipped", "succeeded"];
const COUNTED: Partial<Record<ChangeAction, keyof ResourceCounts>> = {
  create: "added",
  update: "changed",
  replace: "replaced",
  remove: "removed",
};

/**
 * The structured account of an apply; renderers (the CLI's human summary, JSON) format it and
 * never recount. `changes` are the plan's: outcomes are grouped by each operation's `resource`.
 */
export function summarise(result: ApplyResult, changes: readonly Change[] = []): ApplySummary {
  const counts: Record<OutcomeStatus, number> = { succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
  const entries: SummaryEntry[] = [];
  const actions = new Map(changes.map((change) => [change.resource, change.action]));
  const byResource = new Map<string, ResourceOutcome>();
  const seen = new Set<string>();
  // Resources appear in the plan's order of changes; anything else after them, as met.
  for (const change of changes) {
    if (change.operations.length > 0)
      byResource.set(change.resource, {
        resource: change.resource,
        action: change.action,
        status: "succeeded",
        entries: [],
      });
  }
  for (const outcome of result.outcomes) {
    counts[outcome.status]++;
    const { resource } = outcome.operation;
    seen.add(resource);
    let owner = byResource.get(resource);
    if (!owner) {
      owner = { resource, action: actions.get(resource) ?? "keep", status: "succeeded", entries: [] };
      byResource.set(resource, owner);
    }
    if (PRECEDENCE.indexOf(outcome.status) < PRECEDENCE.indexOf(owner.status)) owner.status = outcome.status;
    if (outcome.status === "succeeded") continue;
    const detail =
      outcome.status === "failed" ? (outcome.error?.message ?? "unknown error") : (outcome.reason ?? "");
    const entry: SummaryEntry = {
      operation: outcome.operation,
      status: outcome.status,
      text: `${outcome.status}: ${detail}`,
      detail,
    };
    entries.push(entry);
    owner.entries.push(entry);
  }
  entries.sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  const resourceOutcomes = [...byResource.values()].filter((r) => seen.has(r.resource));
  const resources: ResourceCounts = { added: 0, changed: 0, replaced: 0, removed: 0 };
  for (const r of resourceOutcomes) {
    const counted = COUNTED[r.action];
    if (counted && r.status === "succeeded") resources[counted]++;
  }
  return {
    counts,
    total: result.outcomes.length,
    resources,
    resourceOutcomes,
    succeeded: result.succeeded,
    interrupted: result.interrupted,
    elapsedMs: result.elapsedMs,
    entries,
  };
}
