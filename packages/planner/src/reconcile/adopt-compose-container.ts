import type { ObservedContainer } from "@stackform/schema/contract";
import { isComposeMade } from "./compose-name.js";
import type { PlanContext } from "./plan-context.js";
import { replaceReason } from "./replace-cause.js";
import type { Slot } from "./slot.js";

/**
 * Adoption without a restart: when a replica's only container is one Compose v1 made, under its
 * Compose name, and it matches the stack file in every field, the slot takes that name so the
 * container is kept as it runs. Otherwise the slot keeps Stackform's name and the container is
 * replaced by one under it, for the change that was needed anyway. Dependency waits find the
 * adopted name in `ctx.adoptedNames`.
 */
export function adoptComposeContainer(ctx: PlanContext, slot: Slot, candidates: ObservedContainer[]): Slot {
  if (candidates.some((c) => c.name === slot.name)) return slot;
  const composeMade = candidates.find((c) => isComposeMade(ctx, slot, c));
  if (!composeMade) return slot;
  const adopted: Slot = { ...slot, name: composeMade.name, spec: { ...slot.spec, name: composeMade.name } };
  if (replaceReason(ctx, adopted, composeMade)) return slot;
  ctx.adoptedNames.set(slot.name, composeMade.name);
  return adopted;
}
