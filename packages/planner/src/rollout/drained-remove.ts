import type { ObservedContainer } from "@stackform/schema/contract";
import type { DisconnectNetwork, Sleep } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import { addStopAndRemove, isRunning } from "../reconcile/container-ops.js";
import type { PlanContext } from "../reconcile/plan-context.js";
import type { Slot } from "../reconcile/slot.js";
import { rolloutStrategy } from "./rollout-strategy.js";

/**
 * Scales a replica away without failing requests: off the stack's networks first (the engine's
 * DNS stops returning it), the drain period, then its stop and removal.
 */
export function addDrainedRemove(
  ctx: PlanContext,
  service: Slot["service"] | undefined,
  container: ObservedContainer,
  resource: string,
): string {
  const networks = Object.keys(container.networks).sort();
  // `drain: 0s`: no draining, so no disconnect either (see plan-rollout.ts).
  if (!service || !isRunning(container) || networks.length === 0 || rolloutStrategy(service).drainMs === 0)
    return addStopAndRemove(ctx, container, resource);
  const { builder } = ctx;
  const disconnects: string[] = [];
  for (const network of networks) {
    const id = OperationIds.disconnect(container.name, network);
    if (!builder.has(id))
      builder.add<DisconnectNetwork>({
        id,
        after: [],
        resource,
        kind: "disconnectNetwork",
        container: container.name,
        network,
      });
    disconnects.push(id);
  }
  const drainMs = rolloutStrategy(service).drainMs;
  const drain = OperationIds.drain(container.name);
  builder.add<Sleep>({
    id: drain,
    after: disconnects,
    resource,
    kind: "sleep",
    ms: drainMs,
    reason: `drain ${container.name}`,
  });
  return addStopAndRemove(ctx, container, resource, [drain]);
}
