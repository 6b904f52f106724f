import { EngineError, isEngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";

/** How long to wait, between tries, for the engine to let go of the endpoints of removed containers. */
export const ENDPOINT_RELEASE_DELAYS_MS = [100, 200, 300, 500, 500, 500, 1000];

/**
 * Removes a network; one that is already gone is "already so". Right after its containers are
 * removed, the engine can still count one of their endpoints on it for a moment, so a refusal for
 * active endpoints is tried again while no container is attached. An endpoint the engine keeps
 * counting (seen on dockerd 20.10 after many containers were removed at once) is its own fault,
 * and the error says so and what clears it; a container still attached is named.
 */
export async function removeNetwork(
  client: EngineClient,
  name: string,
  delaysMs: readonly number[] = ENDPOINT_RELEASE_DELAYS_MS,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.json({
        what: `remove network ${name}`,
        method: "DELETE",
        path: `/networks/${encodeURIComponent(name)}`,
      });
      return;
    } catch (error) {
      if (isEngineError(error, "not-found")) return;
      // dockerd answers 403 for it (409 for other objects in use): the words are what is certain.
      if (!(error instanceof EngineError) || !/active endpoints/i.test(error.message)) throw error;
      const attached = await attachedContainers(client, name);
      if (attached === undefined) return;
      if (attached.length > 0)
        throw new EngineError(
          "in-use",
          `cannot remove network ${name}: container${attached.length > 1 ? "s" : ""} ${attached.join(", ")} outside the stack still ${attached.length > 1 ? "use" : "uses"} it`,
          `disconnect ${attached.length > 1 ? "them" : "it"} (docker network disconnect ${name} ${attached[0]}), then run the command again`,
          error.statusCode,
        );
      const delay = delaysMs[attempt];
      if (delay === undefined)
        throw new EngineError(
          "engine",
          `cannot remove network ${name}: the engine still counts an endpoint on it, though no container is attached`,
          "that endpoint is left over inside the Docker engine; restarting the engine (sudo systemctl restart docker) drops it. Then run the command again",
          error.statusCode,
        );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** The names of the containers attached to a network; `undefined` when the network is gone. */
async function attachedContainers(client: EngineClient, network: string): Promise<string[] | undefined> {
  const inspected = await client.find<{ Containers?: Record<string, { Name: string }> | null }>({
    what: `inspect network ${network}`,
    method: "GET",
    path: `/networks/${encodeURIComponent(network)}`,
  });
  return (
    inspected &&
    Object.values(inspected.Containers ?? {})
      .map((c) => c.Name)
      .sort()
  );
}
