import type { DesiredStack, ObservedState } from "@stackform/schema/contract";
import { PlanBuilder } from "./graph/plan-builder.js";
import { PLAN_FORMAT_VERSION, type Plan } from "./model/plan.js";
import type { PlanOptions } from "./plan-options.js";
import { planContext } from "./reconcile/plan-context.js";
import { reconcileImages } from "./reconcile/reconcile-images.js";
import { reconcileNetworks, wireNetworkRemovals } from "./reconcile/reconcile-networks.js";
import { reconcileOrphanServices } from "./reconcile/reconcile-orphans.js";
import { reconcileService } from "./reconcile/reconcile-service.js";
import { reconcileVolumes } from "./reconcile/reconcile-volumes.js";
import { serviceOrder } from "./reconcile/service-order.js";
import { wireDependencies } from "./reconcile/wire-dependencies.js";
import { fingerprint } from "./saved/fingerprint.js";

/**
 * What `apply` must do to turn `observed` into `desired`: a graph of engine operations, grouped
 * into changes with causes. Pure and synchronous; the order of the observed lists never matters.
 */
export function plan(desired: DesiredStack, observed: ObservedState, options: PlanOptions = {}): Plan {
  const builder = new PlanBuilder();
  const ctx = planContext(desired, observed, options, builder);
  // Targets before dependents, so a dependent sees whether its namespace target is recreated.
  const services = serviceOrder(desired);
  reconcileImages(ctx, services);
  reconcileVolumes(ctx);
  reconcileNetworks(ctx);
  for (const service of services) reconcileService(ctx, service);
  reconcileOrphanServices(ctx);
  wireNetworkRemovals(ctx);
  wireDependencies(ctx, services);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    stack: desired.name,
    operations: builder.operations(),
    changes: builder.changes(),
    warnings: [...(options.warnings ?? []), ...builder.warnings()],
    fingerprint: fingerprint(observed),
  };
}
