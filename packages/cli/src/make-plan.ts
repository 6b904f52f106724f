import type { Engine } from "@stackform/engine";
import { type Plan, plan } from "@stackform/planner";
import type { DesiredStack, Diagnostic, ObservedState } from "@stackform/schema";
import { observeScope } from "./observe-scope.js";

export interface PlanSession {
  plan: Plan;
  observed: ObservedState;
}

export async function observeAndPlan(
  engine: Engine,
  desired: DesiredStack,
  options: { waitAll: boolean; warnings: Diagnostic[] },
): Promise<PlanSession> {
  const observed = await engine.observe(desired.name, observeScope(desired));
  return { observed, plan: plan(desired, observed, options) };
}
