import { didYouMean } from "../diagnostics/did-you-mean.js";
import type { NetworkMode, ServiceNetwork } from "../model/desired-stack.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";

export const DEFAULT_NETWORK = "default";

export function parseNetworkMode(text: string): NetworkMode {
  if (text.startsWith("service:")) return { kind: "service", service: text.slice("service:".length) };
  return { kind: text as "bridge" | "host" | "none" };
}

/**
 * The networks a service joins, keyed by stack-file key: none with `network_mode`, the implicit
 * `default` network when it names none.
 */
export function normaliseServiceNetworks(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): { networks: Record<string, ServiceNetwork>; networkMode?: NetworkMode } {
  if (service.network_mode !== undefined) {
    if (service.networks !== undefined) {
      ctx.sink.error({
        code: "network-mode-with-networks",
        message: `services.${path[1]} sets both network_mode and networks`,
        hint: "a service with network_mode joins no networks; remove one of the two",
        path: [...path, "networks"],
        anchor: "key",
      });
    }
    return { networks: {}, networkMode: parseNetworkMode(service.network_mode) };
  }
  const declared = Object.keys(ctx.file.networks ?? {});
  const entries: [string, ServiceNetwork, Path][] = [];
  if (service.networks === undefined) {
    entries.push([DEFAULT_NETWORK, { aliases: [] }, path]);
  } else if (Array.isArray(service.networks)) {
    service.networks.forEach((key, index) => {
      entries.push([key, { aliases: [] }, [...path, "networks", index]]);
    });
  } else {
    for (const [key, options] of Object.entries(service.networks)) {
      const network: ServiceNetwork = { aliases: [...(options?.aliases ?? [])] };
      if (options?.ipv4_address) network.ipv4Address = options.ipv4_address;
      if (options?.ipv6_address) network.ipv6Address = options.ipv6_address;
      if (options?.link_local_ips?.length) network.linkLocalIps = [...options.link_local_ips];
      if (options?.driver_opts && Object.keys(options.driver_opts).length > 0) {
        network.driverOpts = sortedRecord(
          Object.entries(options.driver_opts).map(([name, value]) => [name, String(value)]),
        );
      }
      if (options?.priority !== undefined) network.priority = options.priority;
      entries.push([key, network, [...path, "networks", key]]);
    }
  }
  for (const [key, , entryPath] of entries) {
    if (key === DEFAULT_NETWORK || declared.includes(key)) continue;
    const suggestion = didYouMean(key, declared);
    ctx.sink.error({
      code: "undeclared-network",
      message: `services.${path[1]} joins the network \`${key}\`, which is not declared under the top-level \`networks:\``,
      hint: suggestion ? `did you mean \`${suggestion}\`?` : `declare it:\nnetworks:\n  ${key}:`,
      path: entryPath,
      anchor: "key",
    });
  }
  return { networks: sortedRecord(entries.map(([key, network]) => [key, network])) };
}
