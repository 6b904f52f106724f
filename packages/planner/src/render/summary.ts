import type { Plan } from "../model/plan.js";

export interface PlanSummary {
  add: number;
  change: number;
  replace: number;
  remove: number;
}

/** Counts of changes by action; kept resources are not changes. */
export function summarise(plan: Plan): PlanSummary {
  const summary: PlanSummary = { add: 0, change: 0, replace: 0, remove: 0 };
  for (const change of plan.changes) {
    switch (change.action) {
      case "create":
        summary.add++;
        break;
      case "update":
        summary.change++;
        break;
      case "replace":
        summary.replace++;
        break;
      case "remove":
        summary.remove++;
        break;
      case "keep":
        break;
    }
  }
  return summary;
}

export const summaryLine = (s: PlanSummary): string =>
  `Plan: ${s.add} to add, ${s.change} to change, ${s.replace} to replace, ${s.remove} to remove.`;

export const NO_CHANGES = "No changes. The stack matches the engine.";
