import {
  type ContainerState,
  type ImageDefaults,
  imagePlatform,
  Labels,
  type ObservedContainer,
  type ObservedEndpoint,
  type ObservedImage,
  type ObservedMount,
  type ObservedNetwork,
  type ObservedPublishedPort,
  type ObservedState,
  type ObservedVolume,
  type Resources,
  type RestartPolicyName,
} from "@stackform/schema/contract";
import type { ObserveScope } from "../engine.js";
import type { EngineClient } from "./engine-client.js";
import { healthOf, inspectContainerRequest } from "./inspect-container.js";
import { imageDefaults, liveConfig, readInjectedFiles } from "./live-config.js";
import { mapLimited } from "./map-limited.js";
import { listOwnedContainers, listOwnedNetworks, listOwnedVolumes, owningStack } from "./owned-objects.js";
import type { WireContainer, WireImage, WireMount } from "./wire-types.js";

/** Enough parallel inspects to hide latency, few enough not to flood an engine over ssh. */
const INSPECT_CONCURRENCY = 8;

/**
 * Reads what the engine holds for `stack`: one labelled list per kind, then an inspect per
 * container (the list lacks restart policy, limits and endpoint aliases). Objects outside the
 * stack are looked up by name only when the desired stack names them.
 */
export async function observeState(
  client: EngineClient,
  stack: string,
  wanted?: ObserveScope,
): Promise<ObservedState> {
  // Labelled by Stackform, or by Compose for the project of the same name (adoption).
  const [summaries, networks, volumes, images] = await Promise.all([
    listOwnedContainers(client, stack),
    observeNetworks(client, stack, wanted?.networks ?? []),
    observeVolumes(client, stack, wanted?.volumes ?? []),
    mapLimited(wanted?.images ?? [], INSPECT_CONCURRENCY, (ref) => inspectImage(client, ref)),
  ]);
  const secretKeys = new Set(wanted?.sensitiveEnv ?? []);
  // Each distinct image once, alongside the container inspects: its defaults tell the planner
  // which of a container's values the image gave it rather than the stack file.
  const imageIds = [...new Set(summaries.map((s) => s.ImageID))];
  const [inspected, imageConfigs] = await Promise.all([
    mapLimited(summaries, INSPECT_CONCURRENCY, (summary) =>
      // `undefined` when it vanished between list and inspect (removed concurrently).
      client.find<WireContainer>(inspectContainerRequest(summary.Id)),
    ),
    mapLimited(imageIds, INSPECT_CONCURRENCY, (id) =>
      client.find<WireImage>({
        what: `inspect image ${id.slice(7, 19)}`,
        method: "GET",
        path: `/images/${id}/json`,
      }),
    ),
  ]);
  const imageOf = new Map(imageIds.map((id, i) => [id, imageConfigs[i]]));
  const present = inspected.filter((c): c is WireContainer => c !== undefined);
  // Only containers labelled with copied-in secrets or configs cost requests here.
  const files = await mapLimited(present, INSPECT_CONCURRENCY, (c) => readInjectedFiles(client, c));
  return {
    stack,
    containers: present.map((c, i) => {
      const image = imageOf.get(c.Image);
      const defaults = imageDefaults(image?.Config, c.Id, secretKeys);
      const platform = image && imagePlatform(image);
      if (platform !== undefined) defaults.platform = platform;
      const observed = toObservedContainer(c, defaults, secretKeys);
      const read = files[i];
      if (read) observed.config.files = read;
      return observed;
    }),
    networks,
    volumes,
    images: images.filter((i): i is ObservedImage => i !== undefined),
  };
}

async function inspectImage(client: EngineClient, ref: string): Promise<ObservedImage | undefined> {
  const image = await client.find<WireImage>({
    what: `inspect image ${ref}`,
    method: "GET",
    path: `/images/${encodeURIComponent(ref)}/json`,
  });
  if (!image) return undefined;
  const observed: ObservedImage = { ref, id: image.Id };
  const platform = imagePlatform(image);
  if (platform !== undefined) observed.platform = platform;
  const tagged = image.Metadata?.LastTagTime;
  // Go's zero time: never tagged, and pulls on engines before 23 record no time.
  if (tagged && !tagged.startsWith("0001-")) observed.lastTagTime = tagged;
  return observed;
}

/**
 * Objects of `kind` the stack names but the label filter did not return (external networks and
 * volumes, or ones made before they were labelled), looked up by name.
 */
async function findByName<T extends { Name: string }>(
  client: EngineClient,
  kind: "network" | "volume",
  names: string[],
  listed: T[],
): Promise<T[]> {
  const have = new Set(listed.map((o) => o.Name));
  const found = await mapLimited(
    names.filter((name) => !have.has(name)),
    INSPECT_CONCURRENCY,
    (name) =>
      client.find<T>({
        what: `inspect ${kind} ${name}`,
        method: "GET",
        path: `/${kind}s/${encodeURIComponent(name)}`,
      }),
  );
  // The engine resolves a name lookup by id prefix too; keep only exact name matches.
  return [...listed, ...found.filter((o): o is T => o !== undefined && names.includes(o.Name))];
}

export async function observeNetworks(
  client: EngineClient,
  stack: string,
  names: string[],
): Promise<ObservedNetwork[]> {
  const labelled = await listOwnedNetworks(client, stack);
  return (await findByName(client, "network", names, labelled)).map((n) => {
    const labels = n.Labels ?? {};
    const network: ObservedNetwork = {
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      internal: n.Internal,
      attachable: n.Attachable,
      enableIpv6: n.EnableIPv6 ?? false,
      labels,
    };
    const owner = owningStack(labels);
    if (owner !== undefined) network.stack = owner;
    if (labels[Labels.configHash] !== undefined) network.configHash = labels[Labels.configHash];
    return network;
  });
}

export async function observeVolumes(
  client: EngineClient,
  stack: string,
  names: string[],
): Promise<ObservedVolume[]> {
  const listed = await listOwnedVolumes(client, stack);
  return (await findByName(client, "volume", names, listed)).map((v) => {
    const labels = v.Labels ?? {};
    const volume: ObservedVolume = { name: v.Name, driver: v.Driver, labels };
    const owner = owningStack(labels);
    if (owner !== undefined) volume.stack = owner;
    return volume;
  });
}

const RESTART_NAMES = new Set<string>(["no", "always", "on-failure", "unless-stopped"]);

export function toObservedContainer(
  c: WireContainer,
  image: ImageDefaults = imageDefaults(undefined, c.Id, new Set()),
  secretKeys: ReadonlySet<string> = new Set(),
): ObservedContainer {
  const labels = c.Config.Labels ?? {};
  const shortId = c.Id.slice(0, 12);
  const networks: ObservedContainer["networks"] = {};
  for (const [name, endpoint] of Object.entries(c.NetworkSettings.Networks ?? {})) {
    // The engine adds the short id as an alias on every user network; it is not configuration.
    const aliases = (endpoint.Aliases ?? []).filter((alias) => alias !== shortId);
    const ipam = endpoint.IPAMConfig;
    const observed: ObservedEndpoint = { networkId: endpoint.NetworkID, aliases };
    if (ipam?.IPv4Address) observed.ipv4Address = ipam.IPv4Address;
    if (ipam?.IPv6Address) observed.ipv6Address = ipam.IPv6Address;
    if (ipam?.LinkLocalIPs?.length) observed.linkLocalIps = [...ipam.LinkLocalIPs];
    if (endpoint.DriverOpts && Object.keys(endpoint.DriverOpts).length > 0) {
      observed.driverOpts = { ...endpoint.DriverOpts };
    }
    networks[name] = observed;
  }
  const host = c.HostConfig;
  const restartName = RESTART_NAMES.has(host.RestartPolicy.Name)
    ? (host.RestartPolicy.Name as RestartPolicyName)
    : "no";
  const observed: ObservedContainer = {
    id: c.Id,
    name: c.Name.replace(/^\//, ""),
    ...labelledAs(labels),
    state: c.State.Status as ContainerState,
    image: c.Config.Image,
    imageId: c.Image,
    networks,
    mounts: (c.Mounts ?? []).map(observedMount),
    publishedPorts: publishedPorts(c),
    restart: { name: restartName, maximumRetryCount: host.RestartPolicy.MaximumRetryCount },
    resources: observedResources(host),
    labels,
    config: liveConfig(c, image, secretKeys),
  };
  const health = healthOf(c.State);
  if (health) observed.health = health;
  if (c.State.Status === "exited" || c.State.Status === "dead") observed.exitCode = c.State.ExitCode;
  return observed;
}

/** Which service and replica a container is, and what Stackform recorded on it, by its labels. */
export function labelledAs(
  labels: Record<string, string>,
): Pick<ObservedContainer, "service" | "number" | "configHash" | "replaces" | "oneOff"> {
  const as: ReturnType<typeof labelledAs> = {
    // A Compose-made container (adoption) says which replica it is in Compose's labels only.
    service: labels[Labels.service] ?? labels[Labels.composeService] ?? "",
    number: Number(labels[Labels.number] ?? labels[Labels.composeNumber] ?? 1),
  };
  if (labels[Labels.configHash] !== undefined) as.configHash = labels[Labels.configHash];
  if (labels[Labels.replaces] !== undefined) as.replaces = labels[Labels.replaces];
  if (labels[Labels.composeOneoff] === "True") as.oneOff = true;
  return as;
}

export const observedMount = (m: WireMount): ObservedMount => ({
  type: m.Type === "volume" || m.Type === "tmpfs" ? m.Type : "bind",
  source: m.Type === "volume" ? (m.Name ?? m.Source) : m.Source,
  target: m.Destination,
});

function publishedPorts(c: WireContainer): ObservedPublishedPort[] {
  const ports: ObservedPublishedPort[] = [];
  for (const [key, bindings] of Object.entries(c.NetworkSettings.Ports ?? {})) {
    const [target, protocol] = key.split("/");
    for (const b of bindings ?? []) {
      ports.push({
        hostIp: b.HostIp,
        hostPort: Number(b.HostPort),
        target: Number(target),
        protocol: (protocol ?? "tcp") as ObservedPublishedPort["protocol"],
      });
    }
  }
  return ports.sort(
    (a, b) => a.target - b.target || a.protocol.localeCompare(b.protocol) || a.hostIp.localeCompare(b.hostIp),
  );
}

/** The engine reports "no limit" as 0 (pids: 0, -1 or null); the model says `undefined`. */
function observedResources(host: WireContainer["HostConfig"]): Resources {
  const resources: Resources = {};
  const set = (key: keyof Resources, value: number | null) => {
    if (value !== null && value > 0) resources[key] = value;
  };
  set("memoryLimit", host.Memory);
  set("memoryReservation", host.MemoryReservation);
  set("memswapLimit", host.MemorySwap);
  set("nanoCpus", host.NanoCpus);
  set("cpuShares", host.CpuShares);
  set("pidsLimit", host.PidsLimit);
  return resources;
}
