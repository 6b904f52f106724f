import {
  type DesiredNetwork,
  type ObservedSwarmNetwork,
  STACK_NAMESPACE_LABEL,
  type SwarmIpam,
  type SwarmNetworkSpec,
} from "@stackform/schema/contract";
import { canonicalJson } from "../hash/canonical-json.js";
import type { FieldChange } from "../model/plan.js";
import { compareText } from "../util/compare.js";

/**
 * A stack network on a Swarm: an overlay (the file's default `bridge` driver exists on one node
 * only), attachable when the file says so, with the namespace label `docker stack` reads.
 */
export function buildSwarmNetworkSpec(stack: string, network: DesiredNetwork): SwarmNetworkSpec {
  const spec: SwarmNetworkSpec = {
    Name: network.name,
    Driver: network.driver === "" || network.driver === "bridge" ? "overlay" : network.driver,
    Attachable: network.attachable,
    Internal: network.internal,
    Labels: { ...network.labels, [STACK_NAMESPACE_LABEL]: stack },
    Options: network.driverOpts,
  };
  if (network.enableIpv6) spec.EnableIPv6 = true;
  if (network.ipam) {
    spec.IPAM = {
      Driver: network.ipam.driver ?? "default",
      Config: network.ipam.config.map((c) => ({
        ...(c.subnet !== undefined ? { Subnet: c.subnet } : {}),
        ...(c.ipRange !== undefined ? { IPRange: c.ipRange } : {}),
        ...(c.gateway !== undefined ? { Gateway: c.gateway } : {}),
      })),
      Options: { ...network.ipam.options },
    };
  }
  return spec;
}

/**
 * Driver options the engine sets on a network by itself: the overlay driver allocates a VXLAN id
 * per network. Compared only when the file sets them.
 */
const ENGINE_OPTIONS = new Set(["com.docker.network.driver.overlay.vxlanid_list"]);

/**
 * The fields of an existing Swarm network that differ from the file's, in stack-file terms
 * (`driver_opts.KEY`, `labels.KEY`, `ipam.config`). Each forces a replace: a network's options are
 * fixed at creation. What Swarm fills in by itself is not a difference: the VXLAN id option, and,
 * without `ipam:` in the file, the driver and subnet it chose; without a `gateway:`, the gateway.
 */
export function swarmNetworkFieldChanges(
  observed: ObservedSwarmNetwork,
  spec: SwarmNetworkSpec,
): FieldChange[] {
  const fields: FieldChange[] = [];
  const compare = (path: string, before: unknown, after: unknown) => {
    if (canonicalJson(before ?? null) === canonicalJson(after ?? null)) return;
    fields.push({
      path,
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      sensitive: false,
      forcesReplace: true,
    });
  };
  const compareRecords = (
    path: string,
    before: Record<string, string>,
    after: Record<string, string>,
    ignore: (key: string) => boolean = () => false,
  ) => {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort(compareText)) {
      if (!(key in after) && ignore(key)) continue;
      compare(`${path}.${key}`, before[key], after[key]);
    }
  };
  compare("driver", observed.driver, spec.Driver);
  compareRecords("driver_opts", observed.options, spec.Options, (key) => ENGINE_OPTIONS.has(key));
  compare("internal", observed.internal, spec.Internal);
  compare("attachable", observed.attachable, spec.Attachable);
  compare("enable_ipv6", observed.enableIpv6, spec.EnableIPv6 ?? false);
  compareRecords("labels", observed.labels, spec.Labels);
  if (spec.IPAM) compareIpam(observed.ipam, spec.IPAM, compare, compareRecords);
  return fields;
}

function compareIpam(
  observed: SwarmIpam,
  wanted: SwarmIpam,
  compare: (path: string, before: unknown, after: unknown) => void,
  compareRecords: (path: string, before: Record<string, string>, after: Record<string, string>) => void,
): void {
  compare("ipam.driver", observed.Driver, wanted.Driver);
  // An empty `config:` lets Swarm choose the subnet, as no `ipam:` does.
  if (wanted.Config.length > 0) {
    const pools = (config: SwarmIpam["Config"], gateways: boolean[]) =>
      config.map((c, i) => ({
        ...(c.Subnet !== undefined ? { subnet: c.Subnet } : {}),
        ...(c.IPRange !== undefined ? { ip_range: c.IPRange } : {}),
        ...(gateways[i] && c.Gateway !== undefined ? { gateway: c.Gateway } : {}),
      }));
    const gateways = wanted.Config.map((c) => c.Gateway !== undefined);
    compare("ipam.config", pools(observed.Config, gateways), pools(wanted.Config, gateways));
  }
  compareRecords("ipam.options", observed.Options, wanted.Options);
}
