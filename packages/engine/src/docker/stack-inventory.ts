import type { ContainerState, InventoryContainer, StackInventory } from "@stackform/schema/contract";
import type { EngineClient } from "./engine-client.js";
import { labelledAs, observedMount, observeNetworks, observeVolumes } from "./observe-state.js";
import { listOwnedContainers } from "./owned-objects.js";
import type { WireContainerSummary } from "./wire-types.js";

/**
 * The stack's objects from the engine's lists alone. The list of containers already carries their
 * state, mounts and networks, which is all a teardown needs, so destroy skips observe's inspect
 * per container and per image (for 20 containers, 21 requests and their parsing).
 */
export async function stackInventory(client: EngineClient, stack: string): Promise<StackInventory> {
  const [summaries, networks, volumes] = await Promise.all([
    listOwnedContainers(client, stack),
    observeNetworks(client, stack, []),
    observeVolumes(client, stack, []),
  ]);
  return { stack, containers: summaries.map(inventoryContainer), networks, volumes };
}

function inventoryContainer(c: WireContainerSummary): InventoryContainer {
  const labels = c.Labels ?? {};
  const networks: InventoryContainer["networks"] = {};
  for (const [name, endpoint] of Object.entries(c.NetworkSettings?.Networks ?? {}))
    networks[name] = { networkId: endpoint.NetworkID };
  return {
    id: c.Id,
    // The list gives every name the container has, links included; its own is the one without a `/` inside.
    name: (c.Names.find((n) => n.lastIndexOf("/") === 0) ?? c.Names[0] ?? c.Id).replace(/^\//, ""),
    ...labelledAs(labels),
    state: c.State as ContainerState,
    imageId: c.ImageID,
    networks,
    mounts: (c.Mounts ?? []).map(observedMount),
    labels,
  };
}
