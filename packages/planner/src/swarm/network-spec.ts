import { type DesiredNetwork, STACK_NAMESPACE_LABEL, type SwarmNetworkSpec } from "@stackform/schema";

/**
 * A stack network on a Swarm: an overlay (the file's default `bridge` driver exists on one node
 * only), attachable when the file says so, with the namespace label `docker stack` reads.
 */
export function buildSwarmNetworkSpec(stack: string, network: DesiredNetwork): SwarmNetworkSpec {
  return {
    Name: network.name,
    Driver: network.driver === "" || network.driver === "bridge" ? "overlay" : network.driver,
    Attachable: network.attachable,
    Internal: network.internal,
    Labels: { ...network.labels, [STACK_NAMESPACE_LABEL]: stack },
    Options: network.driverOpts,
  };
}
