import type { ApplySummary, ResourceOutcome } from "@stackform/applier";
import { printJson } from "./json-output.js";
import type { Painter } from "./output.js";

export interface SummaryOptions {
  /** `Apply` or `Destroy`. */
  verb: string;
  endpoint: string;
  color: Painter;
}

/**
 * The account after an apply or destroy, in the plan's unit (resources), Terraform-style:
 * `Apply complete! Resources: 4 added, 0 changed, 1 replaced, 0 removed.`, then every resource
 * that failed, was skipped or never started, with the reason.
 */
export function formatSummary(summary: ApplySummary, options: SummaryOptions): string {
  const { color } = options;
  const withStatus = (status: ResourceOutcome["status"]) =>
    summary.resourceOutcomes.filter((r) => r.status === status);
  const failed = withStatus("failed").length;
  const skipped = withStatus("skipped").length;
  const notStarted = withStatus("cancelled").length;
  const head = summary.succeeded
    ? color.green(`${options.verb} complete!`)
    : color.red(
        summary.interrupted && failed === 0 ? `${options.verb} interrupted.` : `${options.verb} failed.`,
      );
  const { added, changed, replaced, removed } = summary.resources;
  const counts =
    options.verb === "Destroy" && added + changed + replaced === 0
      ? [`${removed} removed`]
      : [`${added} added`, `${changed} changed`, `${replaced} replaced`, `${removed} removed`];
  if (failed > 0) counts.push(`${failed} failed`);
  if (skipped > 0) counts.push(`${skipped} skipped`);
  if (notStarted > 0) counts.push(`${notStarted} not started`);
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  let out = `\n${head} Resources: ${counts.join(", ")}. (${seconds}s on ${options.endpoint})\n`;
  // Failures first: they are what to act on; then what they held up.
  for (const r of withStatus("failed"))
    for (const e of r.entries.filter((e) => e.status === "failed"))
      out += `  ${color.red("✘")} ${r.resource}: ${e.operation.id} failed: ${e.detail}\n`;
  for (const r of withStatus("skipped"))
    out += `  ${color.dim("-")} ${r.resource}: skipped, ${reason(r) ?? "a dependency failed"}\n`;
  for (const r of withStatus("cancelled"))
    out += `  ${color.dim("-")} ${r.resource}: not started, ${reason(r) ?? "the run was interrupted"}\n`;
  // A rolling update with failure_action rollback undid its own replicas (its failure says so).
  const rolledBack = withStatus("failed").some((r) =>
    r.entries.some((e) => e.status === "failed" && e.detail.includes("; rolled back")),
  );
  if (!summary.succeeded)
    out += rolledBack
      ? "The failed rolling update was rolled back; nothing else that succeeded was. Fix the stack file and apply again.\n"
      : "Nothing that succeeded was rolled back; run the same command again to converge.\n";
  return out;
}

const reason = (r: ResourceOutcome): string | undefined =>
  r.entries.find((e) => e.status === r.status)?.detail || undefined;

/** The same account for `--json` (docs/json-output.md, "apply"). */
export function summaryJson(
  summary: ApplySummary,
  context: { stack: string; endpoint: string },
): Record<string, unknown> {
  const outcomes = summary.resourceOutcomes;
  const resourcesWith = (status: ResourceOutcome["status"]) =>
    outcomes.filter((r) => r.status === status).length;
  return {
    stack: context.stack,
    engine: context.endpoint,
    status: summary.succeeded ? "succeeded" : summary.interrupted ? "interrupted" : "failed",
    elapsed_ms: summary.elapsedMs,
    resources: {
      ...summary.resources,
      failed: resourcesWith("failed"),
      skipped: resourcesWith("skipped"),
      not_started: resourcesWith("cancelled"),
    },
    changes: outcomes.map((r) => ({
      resource: r.resource,
      action: r.action,
      status: r.status === "cancelled" ? "not_started" : r.status,
      problems: r.entries.map((e) => ({
        operation: e.operation.id,
        status: e.status === "cancelled" ? "not_started" : e.status,
        message: e.detail,
      })),
    })),
    operations: {
      total: summary.total,
      succeeded: summary.counts.succeeded,
      failed: summary.counts.failed,
      skipped: summary.counts.skipped,
      not_started: summary.counts.cancelled,
    },
  };
}

/**
 * The summary as the `--json` result on stdout; with `--progress json` it is the last of the JSON
 * lines, marked `"type": "summary"`.
 */
export function printSummaryJson(
  summary: ApplySummary,
  context: { stack: string; endpoint: string; jsonLines: boolean; extra?: Record<string, unknown> },
): void {
  const json = { ...summaryJson(summary, context), ...context.extra };
  printJson(context.jsonLines ? { type: "summary", ...json } : json, { lines: context.jsonLines });
}
