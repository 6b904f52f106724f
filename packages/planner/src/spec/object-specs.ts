import {
  type DesiredNetwork,
  type DesiredVolume,
  Labels,
  type NetworkSpec,
  type VolumeSpec,
} from "@stackform/schema/contract";
import { objectHash } from "../hash/object-hash.js";

/** The network Stackform creates for a stack-file network, with its ownership and hash labels. */
export function buildNetworkSpec(stack: string, network: DesiredNetwork): NetworkSpec {
  const spec: NetworkSpec = {
    name: network.name,
    driver: network.driver,
    driverOpts: { ...network.driverOpts },
    internal: network.internal,
    attachable: network.attachable,
    labels: {
      ...network.labels,
      [Labels.stack]: stack,
      [Labels.key]: network.key,
      [Labels.composeProject]: stack,
      [Labels.composeNetwork]: network.key,
    },
  };
  // Absent rather than false, so networks created before the key existed keep their hash.
  if (network.enableIpv6) spec.enableIpv6 = true;
  if (network.ipam) {
    spec.ipam = { config: network.ipam.config.map((c) => ({ ...c })), options: { ...network.ipam.options } };
    if (network.ipam.driver !== undefined) spec.ipam.driver = network.ipam.driver;
  }
  spec.labels[Labels.configHash] = objectHash(spec);
  return spec;
}

/** The volume Stackform creates for a stack-file volume. */
export function buildVolumeSpec(stack: string, volume: DesiredVolume): VolumeSpec {
  const spec: VolumeSpec = {
    name: volume.name,
    driver: volume.driver,
    driverOpts: { ...volume.driverOpts },
    labels: {
      ...volume.labels,
      [Labels.stack]: stack,
      [Labels.key]: volume.key,
      [Labels.composeProject]: stack,
      [Labels.composeVolume]: volume.key,
    },
  };
  spec.labels[Labels.configHash] = objectHash(spec);
  return spec;
}
