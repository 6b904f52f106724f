import { createHash } from "node:crypto";
import {
  BIND_PROPAGATIONS,
  type BindPropagation,
  type BlkioConfig,
  type EnginePortBinding,
  type Healthcheck,
  type ImageDefaults,
  isSensitiveKey,
  Labels,
  type LiveConfig,
  type LiveMount,
  type ObservedEnvValue,
  type ObservedFile,
  type Protocol,
} from "@stackform/schema/contract";
import { isEngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";
import { firstTarFile } from "./tar-one-file.js";
import type {
  WireContainer,
  WireContainerConfig,
  WireHealthcheck,
  WireMountRequest,
  WireRate,
} from "./wire-types.js";

/**
 * Reads a container's configuration back from inspect, in ContainerSpec terms: what the create
 * request asked for (HostConfig's requested mounts and port bindings, not the runtime ones) plus
 * what the engine filled in from the image, which `image` describes so the planner can tell
 * the two apart. Compose v1's request shapes (`Binds` for volumes, `Tmpfs`) are read too, so a
 * project it started can be compared field by field.
 */
export function liveConfig(
  c: WireContainer,
  image: ImageDefaults,
  secretKeys: ReadonlySet<string>,
): LiveConfig {
  const config = c.Config;
  const host = c.HostConfig;
  const live: LiveConfig = {
    env: envValues(config.Env, c.Id, secretKeys),
    user: config.User ?? "",
    workingDir: config.WorkingDir ?? "",
    hostname: config.Hostname ?? "",
    tty: config.Tty ?? false,
    stdinOpen: config.OpenStdin ?? false,
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    portBindings: portBindings(host.PortBindings),
    mounts: requestedMounts(host.Binds, host.Mounts, host.Tmpfs),
    networkMode: host.NetworkMode,
    privileged: host.Privileged ?? false,
    readOnly: host.ReadonlyRootfs ?? false,
    capAdd: capabilities(host.CapAdd),
    capDrop: capabilities(host.CapDrop),
    dns: host.Dns ?? [],
    extraHosts: host.ExtraHosts ?? [],
    image,
  };
  if (config.Cmd) live.command = config.Cmd;
  if (config.Entrypoint) live.entrypoint = config.Entrypoint;
  if (config.StopSignal) live.stopSignal = config.StopSignal;
  if (typeof config.StopTimeout === "number") live.stopTimeoutSeconds = config.StopTimeout;
  const healthcheck = healthcheckOf(config.Healthcheck);
  if (healthcheck) live.healthcheck = healthcheck;
  if (typeof host.Init === "boolean") live.init = host.Init;
  return Object.assign(live, hostOptions(c));
}

const nonEmpty = <T>(list: T[] | null | undefined): T[] | undefined =>
  list && list.length > 0 ? list : undefined;

function blkioOf(host: WireContainer["HostConfig"]): BlkioConfig | undefined {
  const rates = (list: WireRate[] | null | undefined) =>
    nonEmpty(list)?.map((r) => ({ path: r.Path, rate: r.Rate }));
  const parts: BlkioConfig = {
    weight: host.BlkioWeight || undefined,
    weightDevice: nonEmpty(host.BlkioWeightDevice)?.map((d) => ({ path: d.Path, weight: d.Weight })),
    deviceReadBps: rates(host.BlkioDeviceReadBps),
    deviceWriteBps: rates(host.BlkioDeviceWriteBps),
    deviceReadIops: rates(host.BlkioDeviceReadIOps),
    deviceWriteIops: rates(host.BlkioDeviceWriteIOps),
  };
  const set = Object.entries(parts).filter(([, value]) => value !== undefined);
  return set.length > 0 ? (Object.fromEntries(set) as BlkioConfig) : undefined;
}

/** Logging, limits, namespaces, devices; what inspect reports as nothing is left out. */
function hostOptions(c: WireContainer): Partial<LiveConfig> {
  const host = c.HostConfig;
  const options: Partial<LiveConfig> = {
    dnsOptions: nonEmpty(host.DnsOptions),
    dnsSearch: nonEmpty(host.DnsSearch),
    logging: host.LogConfig?.Type
      ? { driver: host.LogConfig.Type, options: { ...host.LogConfig.Config } }
      : undefined,
    ulimits: nonEmpty(host.Ulimits)?.map((u) => ({ name: u.Name, soft: u.Soft, hard: u.Hard })),
    sysctls: host.Sysctls && Object.keys(host.Sysctls).length > 0 ? { ...host.Sysctls } : undefined,
    shmSize: host.ShmSize || undefined,
    securityOpt: nonEmpty(host.SecurityOpt),
    devices: nonEmpty(host.Devices)?.map((d) => ({
      source: d.PathOnHost,
      target: d.PathInContainer,
      permissions: d.CgroupPermissions,
    })),
    pidMode: host.PidMode || undefined,
    ipcMode: host.IpcMode || undefined,
    volumesFrom: nonEmpty(host.VolumesFrom),
    links: nonEmpty([
      ...new Set(Object.values(c.NetworkSettings?.Networks ?? {}).flatMap((e) => e.Links ?? [])),
    ]),
    cgroupParent: host.CgroupParent || undefined,
    cgroupnsMode: host.CgroupnsMode || undefined,
    oomKillDisable: host.OomKillDisable ?? undefined,
    oomScoreAdj: host.OomScoreAdj || undefined,
    groupAdd: nonEmpty(host.GroupAdd),
    domainname: c.Config.Domainname || undefined,
    macAddress: c.Config.MacAddress?.toLowerCase() || undefined,
    usernsMode: host.UsernsMode || undefined,
    utsMode: host.UTSMode || undefined,
    runtime: host.Runtime || undefined,
    cpuPeriod: host.CpuPeriod || undefined,
    cpuQuota: host.CpuQuota || undefined,
    cpuRtPeriod: host.CpuRealtimePeriod || undefined,
    cpuRtRuntime: host.CpuRealtimeRuntime || undefined,
    cpuset: host.CpusetCpus || undefined,
    // null is "the host's swappiness"; 0 is a setting of its own.
    memSwappiness: host.MemorySwappiness ?? undefined,
    blkio: blkioOf(host),
    deviceCgroupRules: nonEmpty(host.DeviceCgroupRules),
    storageOpt:
      host.StorageOpt && Object.keys(host.StorageOpt).length > 0 ? { ...host.StorageOpt } : undefined,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** The defaults an image gives its containers; secret env values are digested per container. */
export function imageDefaults(
  config: Partial<WireContainerConfig> | null | undefined,
  containerId: string,
  secretKeys: ReadonlySet<string>,
): ImageDefaults {
  const defaults: ImageDefaults = {
    env: envValues(config?.Env ?? null, containerId, secretKeys),
    user: config?.User ?? "",
    workingDir: config?.WorkingDir ?? "",
    labels: config?.Labels ?? {},
    volumes: Object.keys(config?.Volumes ?? {}).sort(),
    exposedPorts: Object.keys(config?.ExposedPorts ?? {}).sort(),
  };
  if (config?.Cmd) defaults.command = config.Cmd;
  if (config?.Entrypoint) defaults.entrypoint = config.Entrypoint;
  if (config?.StopSignal) defaults.stopSignal = config.StopSignal;
  const healthcheck = healthcheckOf(config?.Healthcheck);
  if (healthcheck) defaults.healthcheck = healthcheck;
  return defaults;
}

/** A secret key's value never leaves this function: only a digest salted with the container id. */
function envValues(
  entries: string[] | null,
  containerId: string,
  secretKeys: ReadonlySet<string>,
): Record<string, ObservedEnvValue> {
  const env: Record<string, ObservedEnvValue> = {};
  for (const entry of entries ?? []) {
    const at = entry.indexOf("=");
    const key = at < 0 ? entry : entry.slice(0, at);
    const value = at < 0 ? "" : entry.slice(at + 1);
    env[key] =
      secretKeys.has(key) || isSensitiveKey(key) ? { digest: envDigest(containerId, value) } : { value };
  }
  return env;
}

export const envDigest = (containerId: string, value: string): string =>
  createHash("sha256").update(`${containerId}\0${value}`).digest("hex");

function healthcheckOf(wire: WireHealthcheck | null | undefined): Healthcheck | undefined {
  if (!wire?.Test || wire.Test.length === 0) return undefined;
  const healthcheck: Healthcheck = { test: wire.Test };
  if (wire.Interval) healthcheck.interval = wire.Interval;
  if (wire.Timeout) healthcheck.timeout = wire.Timeout;
  if (wire.StartPeriod) healthcheck.startPeriod = wire.StartPeriod;
  if (wire.Retries) healthcheck.retries = wire.Retries;
  return healthcheck;
}

/** The engine stores `NET_ADMIN` as `CAP_NET_ADMIN`; the stack file may write either. */
const capabilities = (caps: string[] | null): string[] =>
  (caps ?? []).map((cap) => cap.toUpperCase().replace(/^CAP_/, "")).sort();

function portBindings(wire: WireContainer["HostConfig"]["PortBindings"]): EnginePortBinding[] {
  const bindings: EnginePortBinding[] = [];
  for (const [key, list] of Object.entries(wire ?? {})) {
    const [target, protocol = "tcp"] = key.split("/");
    for (const entry of list ?? []) {
      const binding: EnginePortBinding = { target: Number(target), protocol: protocol as Protocol };
      if (entry.HostIp) binding.hostIp = entry.HostIp;
      if (entry.HostPort) binding.hostPort = Number(entry.HostPort);
      bindings.push(binding);
    }
  }
  return bindings;
}

function requestedMounts(
  binds: string[] | null,
  mounts: WireMountRequest[] | null,
  tmpfs: Record<string, string> | null,
): LiveMount[] {
  const live: LiveMount[] = [];
  for (const bind of binds ?? []) live.push(bindMount(bind));
  for (const mount of mounts ?? []) {
    switch (mount.Type) {
      case "volume":
        live.push({
          type: "volume",
          ...(mount.Source ? { source: mount.Source } : {}),
          target: mount.Target,
          readOnly: mount.ReadOnly ?? false,
          noCopy: mount.VolumeOptions?.NoCopy ?? false,
          ...(mount.VolumeOptions?.Labels && Object.keys(mount.VolumeOptions.Labels).length > 0
            ? { labels: { ...mount.VolumeOptions.Labels } }
            : {}),
        });
        break;
      case "tmpfs":
        live.push({
          type: "tmpfs",
          target: mount.Target,
          ...(mount.TmpfsOptions?.SizeBytes ? { size: mount.TmpfsOptions.SizeBytes } : {}),
          ...(mount.TmpfsOptions?.Mode ? { mode: mount.TmpfsOptions.Mode } : {}),
        });
        break;
      default:
        live.push({
          type: "bind",
          source: mount.Source ?? "",
          target: mount.Target,
          readOnly: mount.ReadOnly ?? false,
          ...propagationOf(mount.BindOptions?.Propagation),
        });
    }
  }
  for (const [target, options] of Object.entries(tmpfs ?? {})) live.push(tmpfsMount(target, options));
  return live.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

const PROPAGATIONS: ReadonlySet<string> = new Set(BIND_PROPAGATIONS);

const propagationOf = (value: string | undefined): { propagation?: BindPropagation } =>
  value !== undefined && PROPAGATIONS.has(value) ? { propagation: value as BindPropagation } : {};

/** `src:dst[:opts]`: a host path when `src` is absolute, else a volume name. */
function bindMount(bind: string): LiveMount {
  const [source = "", target = "", text = ""] = bind.split(":");
  const options = text.split(",");
  const readOnly = options.includes("ro");
  if (!source.startsWith("/")) {
    return { type: "volume", source, target, readOnly, noCopy: options.includes("nocopy") };
  }
  const selinux = options.includes("Z") ? "Z" : options.includes("z") ? "z" : undefined;
  return {
    type: "bind",
    source,
    target,
    readOnly,
    ...propagationOf(options.find((o) => PROPAGATIONS.has(o))),
    ...(selinux === undefined ? {} : { selinux }),
  };
}

/** Docker's `--tmpfs /run:size=1m,mode=1777` options. */
function tmpfsMount(target: string, options: string): LiveMount {
  const mount: LiveMount = { type: "tmpfs", target };
  for (const option of options.split(",")) {
    const [key, value = ""] = option.split("=");
    if (key === "size") mount.size = tmpfsSize(value);
    if (key === "mode") mount.mode = Number.parseInt(value, 8);
  }
  return mount;
}

function tmpfsSize(text: string): number {
  const match = /^(\d+)([kmg]?)$/i.exec(text);
  if (!match) return Number(text);
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
    match[2]!.toLowerCase() as "" | "k" | "m" | "g"
  ];
  return Number(match[1]) * unit;
}

/** The `dev.stackform.files` label: which secrets and configs were copied in (no values). */
function labelledFiles(labels: Record<string, string>): Pick<ObservedFile, "kind" | "key" | "target">[] {
  const text = labels[Labels.files];
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (f): f is Pick<ObservedFile, "kind" | "key" | "target"> =>
        typeof f === "object" &&
        f !== null &&
        (f.kind === "secret" || f.kind === "config") &&
        typeof f.key === "string" &&
        typeof f.target === "string",
    );
  } catch {
    return [];
  }
}

/**
 * The copied-in secrets and configs of a container, read back through the archive API: one
 * request per file, and none for a container without the label. A secret's content never
 * leaves this function: only a digest salted with the container id, as for secret env values.
 */
export async function readInjectedFiles(
  client: EngineClient,
  c: Pick<WireContainer, "Id" | "Config">,
): Promise<ObservedFile[] | undefined> {
  const listed = labelledFiles(c.Config.Labels ?? {});
  if (listed.length === 0) return undefined;
  return Promise.all(
    listed.map(async (file): Promise<ObservedFile> => {
      const archive = await readArchive(client, c.Id, file.target);
      const entry = archive && firstTarFile(archive);
      if (!entry) return { ...file };
      const text = entry.content.toString("utf8");
      const content = file.kind === "secret" ? { digest: envDigest(c.Id, text) } : { value: text };
      return { ...file, content, uid: entry.uid, gid: entry.gid, mode: entry.mode };
    }),
  );
}

/** The tar the engine returns for `path`, or `undefined` when it is not there. */
async function readArchive(client: EngineClient, id: string, path: string): Promise<Buffer | undefined> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await client.stream({
      what: `read ${path} from container ${id.slice(0, 12)}`,
      method: "GET",
      path: `/containers/${id}/archive`,
      query: { path },
    });
  } catch (error) {
    if (isEngineError(error, "not-found")) return undefined;
    throw error;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
