import type { DependencyCondition, DesiredService } from "@stackform/schema/contract";
import type { Wait, WaitCondition } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import { containerName, replicasOf } from "../spec/names.js";
import type { PlanContext } from "./plan-context.js";
import { serviceDependencies } from "./service-order.js";
import { serviceResource } from "./slot.js";

const UNTIL: Record<DependencyCondition, WaitCondition> = {
  service_started: "running",
  service_healthy: "healthy",
  service_completed_successfully: "exited0",
};

/** A replica adopted from Compose keeps its Compose name. */
const containersOf = (ctx: PlanContext, service: DesiredService): string[] =>
  Array.from({ length: replicasOf(service) }, (_, i) => {
    const name = containerName(ctx.desired.name, service, i + 1);
    return ctx.adoptedNames.get(name) ?? name;
  });

function addWait(ctx: PlanContext, service: DesiredService, container: string, until: WaitCondition): string {
  const wait: Wait = {
    id: OperationIds.wait(container, until),
    after: [],
    resource: serviceResource(service.name),
    kind: "wait",
    container,
    service: service.name,
    until,
  };
  ctx.builder.addOnce(wait);
  ctx.builder.after(wait.id, readyOp(ctx, container));
  return wait.id;
}

/**
 * Orders starts after what they depend on, and stops the other way round:
 * - `service_started`: after the target's start, or a wait for "running" when the target is not
 *   started by this plan;
 * - `service_healthy` / `service_completed_successfully`: after a wait for "healthy" / "exited0"
 *   on every target container (itself after the target's start when there is one);
 * - a dependent's stops come before its targets' stops.
 * Waits exist only for dependents this plan (re)starts. With `waitAll`, every container the plan
 * starts gets a final wait: exited 0 for one-shot completion targets, healthy with a healthcheck,
 * else running.
 */
export function wireDependencies(ctx: PlanContext, services: DesiredService[]): void {
  const { desired, builder } = ctx;
  for (const service of services) {
    const starts = containersOf(ctx, service).flatMap((c) => ctx.startOps.get(c) ?? []);
    const stops = ctx.stopOps.get(service.name) ?? [];
    for (const targetName of serviceDependencies(desired, service)) {
      const target = desired.services[targetName]!;
      const condition = service.dependsOn[targetName]?.condition ?? "service_started";
      for (const stop of ctx.stopOps.get(targetName) ?? []) builder.after(stop, ...stops);
      if (starts.length === 0) continue;
      for (const container of containersOf(ctx, target)) {
        const targetStart = readyOp(ctx, container);
        const gate =
          condition === "service_started" && targetStart !== undefined
            ? targetStart
            : addWait(ctx, target, container, UNTIL[condition]);
        for (const start of starts) builder.after(start, gate);
      }
    }
  }
  if (!ctx.options.waitAll) return;
  for (const service of services) {
    for (const container of containersOf(ctx, service)) {
      if (!ctx.startOps.has(container)) continue;
      const healthcheck = service.healthcheck && service.healthcheck.test[0] !== "NONE";
      const until: WaitCondition =
        ctx.completionTargets.has(service.name) && service.restart.name === "no"
          ? "exited0"
          : healthcheck
            ? "healthy"
            : "running";
      addWait(ctx, service, container, until);
    }
  }
}

const readyOp = (ctx: PlanContext, container: string): string | undefined =>
  ctx.readyOps.get(container) ?? ctx.startOps.get(container);
