import type { Operation } from "@stackform/planner";
import type { ApplyResult, OutcomeStatus } from "./apply-result.js";

/** One line of the account for an operation that did not succeed. */
export interface SummaryEntry {
  operation: Operation;
  status: Exclude<OutcomeStatus, "succeeded">;
  /** `failed: port 8080 is already allocated`, `skipped: start:app-db-1 failed`. */
  text: string;
}

export interface ApplySummary {
  counts: Record<OutcomeStatus, number>;
  total: number;
  succeeded: boolean;
  interrupted: boolean;
  elapsedMs: number;
  /** Failures first, then skips, then cancellations; plan order within each. */
  entries: SummaryEntry[];
}

const ORDER: SummaryEntry["status"][] = ["failed", "skipped", "cancelled"];

/**
 * The structured account of an apply; renderers (the CLI's human summary, JSON) format it and
 * never recount.
 */
export function summarise(result: ApplyResult): ApplySummary {
  const counts: Record<OutcomeStatus, number> = { succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
  const entries: SummaryEntry[] = [];
  for (const outcome of result.outcomes) {
    counts[outcome.status]++;
    if (outcome.status === "succeeded") continue;
    const detail =
      outcome.status === "failed" ? (outcome.error?.message ?? "unknown error") : (outcome.reason ?? "");
    entries.push({
      operation: outcome.operation,
      status: outcome.status,
      text: `${outcome.status}: ${detail}`,
    });
  }
  entries.sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  return {
    counts,
    total: result.outcomes.length,
    succeeded: result.succeeded,
    interrupted: result.interrupted,
    elapsedMs: result.elapsedMs,
    entries,
  };
}
