import { Labels, type ObservedContainer } from "@stackform/schema/contract";
import type { PlanContext } from "./plan-context.js";
import type { Slot } from "./slot.js";

/**
 * A container Compose v1 made for this replica of the project (adoption of a running Compose
 * project): no Stackform config hash, the project's label, and v1's name `<project>_<service>_<n>`
 * (v2's `<project>-<service>-<n>` is Stackform's own and needs nothing).
 */
export function isComposeMade(ctx: PlanContext, slot: Slot, container: ObservedContainer): boolean {
  return (
    container.configHash === undefined &&
    slot.service.containerName === undefined &&
    container.labels[Labels.composeProject] === ctx.desired.name &&
    container.name === `${ctx.desired.name}_${slot.service.name}_${slot.number}`
  );
}
