import { compareText } from "../util/compare.js";
import { addStopAndRemove } from "./container-ops.js";
import type { PlanContext } from "./plan-context.js";
import { serviceResource } from "./slot.js";

/**
 * Containers of services the stack file no longer has (or whose profile is not active) are
 * stopped and removed. Nothing records what they depended on, so their stops run in parallel.
 */
export function reconcileOrphanServices(ctx: PlanContext): void {
  const services = [...ctx.containersByService.keys()]
    .filter((s) => !(s in ctx.desired.services))
    .sort(compareText);
  for (const service of services) {
    const containers = ctx.containersByService.get(service)!;
    const resource = serviceResource(service);
    for (const container of containers) {
      addStopAndRemove(ctx, container, resource);
      const cause = "not in the stack file";
      ctx.builder.note(resource, "remove", cause, [], { name: container.name, action: "remove", cause });
    }
  }
}
