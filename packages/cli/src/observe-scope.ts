import type { ObserveScope } from "@stackform/engine";
import type { DesiredStack } from "@stackform/schema";

/** Names outside the stack's labels that the planner needs to see: external networks, images. */
export function observeScope(desired: DesiredStack): ObserveScope {
  return {
    networks: Object.values(desired.networks).map((n) => n.name),
    volumes: Object.values(desired.volumes).map((v) => v.name),
    images: [...new Set(Object.values(desired.services).map((s) => s.image))].sort(),
    sensitiveEnv: [...new Set(Object.values(desired.services).flatMap((s) => s.sensitiveKeys))].sort(),
  };
}
