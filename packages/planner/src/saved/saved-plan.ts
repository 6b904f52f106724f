import { type DesiredStack, type ObservedState, StackformError } from "@stackform/schema/contract";
import { PLAN_FORMAT_VERSION, type Plan } from "../model/plan.js";
import type { SwarmAction, SwarmPlan } from "../swarm/swarm-plan.js";
import {
  describeFingerprintChanges,
  type FingerprintDetail,
  fingerprintDetail,
  fingerprintOf,
} from "./fingerprint.js";

export const SAVED_PLAN_FORMAT_VERSION = 1;

/** A saved plan as read back: what to apply, and what the engine looked like when it was made. */
export interface SavedPlan {
  plan: Plan;
  desired: DesiredStack;
  fingerprint: string;
  /** Per-resource detail behind the fingerprint; absent in files written without the observed state. */
  fingerprintDetail?: FingerprintDetail;
  /** Where the plan applies; a Swarm plan carries its actions instead of operations. */
  target: "containers" | "swarm";
  swarmActions?: SwarmAction[];
}

/** A plan file that cannot be used: unreadable, another format version, or not a plan. */
export class SavedPlanError extends StackformError {
  constructor(message: string, hint = "make a new one with `stack plan --out FILE`") {
    super(message, hint);
    this.name = "SavedPlanError";
  }
}

/**
 * The text of a saved plan file (JSON). It holds the desired stack with its secret values, since
 * `apply` needs them, and says so; writing it with mode 0600 is the caller's job.
 */
export function savedPlanFile(plan: Plan, desired: DesiredStack, observed?: ObservedState): string {
  const detail = observed ? fingerprintDetail(observed) : undefined;
  if (detail && fingerprintOf(detail) !== plan.fingerprint) {
    throw new Error(
      "the observed state given to savedPlanFile is not the one the plan was made from; this is a bug in Stackform",
    );
  }
  return planFileText({ plan, desired, fingerprint_detail: detail });
}

/**
 * A saved Swarm plan: the same file, with `target: "swarm"` and the actions to run. Its fingerprint
 * is the services' and networks' ids and versions (see swarmFingerprint).
 */
export function savedSwarmPlanFile(swarmPlan: SwarmPlan, desired: DesiredStack): string {
  return planFileText({ plan: swarmPlan.plan, desired, target: "swarm", swarm_actions: swarmPlan.actions });
}

function planFileText(content: { plan: Plan; desired: DesiredStack } & Record<string, unknown>): string {
  const { plan, ...rest } = content;
  return `${JSON.stringify(
    {
      format_version: SAVED_PLAN_FORMAT_VERSION,
      kind: "stackform-plan",
      contains_secrets: true,
      notice:
        "This file contains secret values from the stack (environment, build args). Keep it private (mode 0600) and do not commit it.",
      stack: plan.stack,
      fingerprint: plan.fingerprint,
      ...rest,
      plan,
    },
    null,
    2,
  )}\n`;
}

export function readSavedPlan(text: string): SavedPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SavedPlanError(`the plan file is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(data) || data.kind !== "stackform-plan")
    throw new SavedPlanError("the file is not a Stackform plan");
  if (data.format_version !== SAVED_PLAN_FORMAT_VERSION) {
    throw new SavedPlanError(
      `the plan file has format version ${String(data.format_version)}; this Stackform reads version ${SAVED_PLAN_FORMAT_VERSION}`,
      "make a new plan with this version of Stackform: `stack plan --out FILE`",
    );
  }
  const { plan, desired, fingerprint } = data;
  if (
    !isRecord(plan) ||
    plan.formatVersion !== PLAN_FORMAT_VERSION ||
    !Array.isArray(plan.operations) ||
    !Array.isArray(plan.changes)
  ) {
    throw new SavedPlanError("the plan file has no usable plan in it");
  }
  if (!isRecord(desired) || typeof desired.name !== "string" || !isRecord(desired.services)) {
    throw new SavedPlanError("the plan file has no usable desired stack in it");
  }
  if (typeof fingerprint !== "string" || fingerprint !== plan.fingerprint) {
    throw new SavedPlanError("the plan file's fingerprint is missing or does not match its plan");
  }
  const swarm = data.target === "swarm";
  if (swarm && !Array.isArray(data.swarm_actions))
    throw new SavedPlanError("the Swarm plan file has no actions in it");
  const saved: SavedPlan = {
    plan: plan as unknown as Plan,
    desired: desired as unknown as DesiredStack,
    fingerprint,
    target: swarm ? "swarm" : "containers",
    ...(swarm ? { swarmActions: data.swarm_actions as SwarmAction[] } : {}),
  };
  if (isRecord(data.fingerprint_detail))
    saved.fingerprintDetail = data.fingerprint_detail as FingerprintDetail;
  return saved;
}

/**
 * What changed on the engine since the plan was saved, one line per resource ("container
 * app-web-1 changed: state running → exited"); empty when the plan is still current.
 */
export function staleness(
  saved: Pick<SavedPlan, "fingerprint" | "fingerprintDetail">,
  observed: ObservedState,
): string[] {
  const current = fingerprintDetail(observed);
  if (fingerprintOf(current) === saved.fingerprint) return [];
  if (!saved.fingerprintDetail)
    return [`the engine state changed (fingerprint ${saved.fingerprint} → ${fingerprintOf(current)})`];
  const lines = describeFingerprintChanges(saved.fingerprintDetail, current);
  return lines.length > 0
    ? lines
    : [`the engine state changed (fingerprint ${saved.fingerprint} → ${fingerprintOf(current)})`];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
