import type { Engine } from "@stackform/engine";
import { type Plan, plan } from "@stackform/planner";
import type { DesiredStack, Diagnostic, ObservedState } from "@stackform/schema";
import { withApiSocketCredentials } from "./api-socket-credentials.js";
import { observeScope } from "./observe-scope.js";
import { VERSION } from "./version.js";

export interface PlanSession {
  plan: Plan;
  observed: ObservedState;
}

export async function observeAndPlan(
  engine: Engine,
  desired: DesiredStack,
  options: { waitAll: boolean; warnings: Diagnostic[]; freshImages?: readonly string[] },
): Promise<PlanSession> {
  const observed = await engine.observe(desired.name, observeScope(desired));
  const withCredentials = await withApiSocketCredentials(desired);
  // The label records the CLI that created the container, not the planner's default.
  // STACKFORM_TRUST_CONFIG_HASH=0 compares every container field by field even when its hash
  // label matches: how the tests prove that a freshly applied stack plans clean on the engine.
  const trustConfigHash = process.env.STACKFORM_TRUST_CONFIG_HASH !== "0";
  return {
    observed,
    plan: plan(withCredentials, observed, { ...options, stackformVersion: VERSION, trustConfigHash }),
  };
}
