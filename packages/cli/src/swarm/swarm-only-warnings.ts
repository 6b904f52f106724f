import type { Diagnostic } from "@stackform/schema";

const SWARM_ONLY_DEPLOY_KEYS = ["mode", "placement", "endpoint_mode", "labels"] as const;

/**
 * On the containers target, the Swarm-only `deploy` keys have nothing to act on: the plan says so
 * rather than dropping them silently.
 */
export function swarmOnlyWarnings(docs: Record<string, unknown>[]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const doc of docs) {
    const services = doc.services;
    if (!services || typeof services !== "object") continue;
    for (const [key, service] of Object.entries(services as Record<string, unknown>)) {
      const deploy = (service as { deploy?: Record<string, unknown> } | null)?.deploy;
      if (!deploy || typeof deploy !== "object") continue;
      for (const name of SWARM_ONLY_DEPLOY_KEYS) {
        if (deploy[name] === undefined) continue;
        seen.set(`${key}.${name}`, {
          severity: "warning",
          code: "swarm-only-key",
          path: ["services", key, "deploy", name],
          message: `services.${key}.deploy.${name} is a Swarm setting; on one engine it has no effect`,
          hint: "deploy to a Swarm with --target swarm to use it, or remove it",
        });
      }
    }
  }
  return [...seen.values()];
}
