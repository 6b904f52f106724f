import type { HealthState } from "@stackform/schema/contract";
import type { EngineRequest } from "./engine-client.js";
import type { WireContainer } from "./wire-types.js";

/** `GET /containers/{name or id}/json`, for `client.json` or (when it may be gone) `client.find`. */
export const inspectContainerRequest = (nameOrId: string): EngineRequest => ({
  // Messages show a full id the way docker does: its first 12 characters.
  what: `inspect container ${/^[0-9a-f]{64}$/.test(nameOrId) ? nameOrId.slice(0, 12) : nameOrId}`,
  method: "GET",
  path: `/containers/${nameOrId}/json`,
});

/** The healthcheck state, when the container has a healthcheck that has reported. */
export function healthOf(state: WireContainer["State"]): HealthState | undefined {
  const status = state.Health?.Status;
  return status === "starting" || status === "healthy" || status === "unhealthy" ? status : undefined;
}
