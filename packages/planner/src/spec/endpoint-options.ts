import type { EndpointOptions } from "@stackform/schema/contract";
import { canonicalJson } from "../hash/canonical-json.js";

/**
 * The settings of one endpoint besides its aliases, each with its Compose key: what the planner
 * compares with the live endpoint and reconnects in place when it differs (the engine cannot
 * change an endpoint, but a container can leave a network and join it again while it runs).
 */
export const ENDPOINT_FIELDS = [
  { key: "ipv4Address", compose: "ipv4_address" },
  { key: "ipv6Address", compose: "ipv6_address" },
  { key: "linkLocalIps", compose: "link_local_ips" },
  { key: "driverOpts", compose: "driver_opts" },
] as const satisfies readonly { key: Exclude<keyof EndpointOptions, "aliases">; compose: string }[];

export type EndpointSettings = Omit<EndpointOptions, "aliases">;

/** Only the settings that are set, so absent ones stay absent in operations and saved plans. */
export function endpointSettings(source: EndpointSettings): EndpointSettings {
  const settings: EndpointSettings = {};
  if (source.ipv4Address !== undefined) settings.ipv4Address = source.ipv4Address;
  if (source.ipv6Address !== undefined) settings.ipv6Address = source.ipv6Address;
  if (source.linkLocalIps?.length) settings.linkLocalIps = [...source.linkLocalIps];
  if (source.driverOpts && Object.keys(source.driverOpts).length > 0)
    settings.driverOpts = { ...source.driverOpts };
  return settings;
}

/** The settings whose live value differs from the wanted one (an unset one matches an absent one). */
export function differingEndpointFields(
  live: EndpointSettings,
  wanted: EndpointSettings,
): (typeof ENDPOINT_FIELDS)[number][] {
  const a = endpointSettings(live);
  const b = endpointSettings(wanted);
  return ENDPOINT_FIELDS.filter(({ key }) => canonicalJson(a[key] ?? null) !== canonicalJson(b[key] ?? null));
}
