import type {
  ContainerSpec,
  EndpointOptions,
  EngineMount,
  Resources,
  RestartPolicy,
} from "@stackform/schema/contract";

/**
 * ContainerSpec → the body of `POST /containers/create` (API 1.41). Only fields the spec sets
 * are sent, so the engine's defaults stay the engine's.
 */
export function containerCreateBody(spec: ContainerSpec): Record<string, unknown> {
  const first = spec.networks[0];
  const body: Record<string, unknown> = {
    Image: spec.image,
    Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
    Labels: spec.labels,
    Tty: spec.tty,
    OpenStdin: spec.stdinOpen,
    ExposedPorts: Object.fromEntries(spec.exposedPorts.map((port) => [port, {}])),
    HostConfig: hostConfig(spec),
    NetworkingConfig: first
      ? { EndpointsConfig: { [first.network]: endpointConfig(first, spec.links) } }
      : {},
  };
  if (spec.command) body.Cmd = spec.command;
  if (spec.entrypoint) body.Entrypoint = spec.entrypoint;
  if (spec.user !== undefined) body.User = spec.user;
  if (spec.workingDir !== undefined) body.WorkingDir = spec.workingDir;
  if (spec.hostname !== undefined) body.Hostname = spec.hostname;
  if (spec.stopSignal !== undefined) body.StopSignal = spec.stopSignal;
  if (spec.stopTimeoutSeconds !== undefined) body.StopTimeout = spec.stopTimeoutSeconds;
  if (spec.domainname !== undefined) body.Domainname = spec.domainname;
  // Per-endpoint MAC addresses need API 1.44; 1.41 takes the container's in Config.
  if (spec.macAddress !== undefined) body.MacAddress = spec.macAddress;
  if (spec.healthcheck) {
    const { test, interval, timeout, startPeriod, retries } = spec.healthcheck;
    body.Healthcheck = {
      Test: test,
      ...(interval === undefined ? {} : { Interval: interval }),
      ...(timeout === undefined ? {} : { Timeout: timeout }),
      ...(startPeriod === undefined ? {} : { StartPeriod: startPeriod }),
      ...(retries === undefined ? {} : { Retries: retries }),
    };
  }
  return body;
}

/** API 1.41 EndpointSettings; newer fields (MacAddress, GwPriority) are refused by the schema. */
export function endpointConfig(endpoint: EndpointOptions, links?: string[]): Record<string, unknown> {
  const ipam = {
    ...(endpoint.ipv4Address ? { IPv4Address: endpoint.ipv4Address } : {}),
    ...(endpoint.ipv6Address ? { IPv6Address: endpoint.ipv6Address } : {}),
    ...(endpoint.linkLocalIps?.length ? { LinkLocalIPs: endpoint.linkLocalIps } : {}),
  };
  return {
    Aliases: endpoint.aliases,
    ...(Object.keys(ipam).length > 0 ? { IPAMConfig: ipam } : {}),
    ...(endpoint.driverOpts && Object.keys(endpoint.driverOpts).length > 0
      ? { DriverOpts: endpoint.driverOpts }
      : {}),
    ...(links?.length ? { Links: links } : {}),
  };
}

function hostConfig(spec: ContainerSpec): Record<string, unknown> {
  const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const binding of spec.portBindings) {
    const key = `${binding.target}/${binding.protocol}`;
    const list = portBindings[key] ?? [];
    list.push({
      HostIp: binding.hostIp ?? "",
      HostPort: binding.hostPort === undefined ? "" : String(binding.hostPort),
    });
    portBindings[key] = list;
  }
  return {
    NetworkMode: spec.networkMode,
    PortBindings: portBindings,
    // Binds create a missing host directory (Compose's behaviour); Mounts refuse one. SELinux
    // relabelling exists only in the Binds syntax, so a bind with `selinux` goes there too.
    Binds: spec.mounts.filter(isBindString).map(bindString),
    Mounts: spec.mounts.filter((m) => !isBindString(m)).map(mountBody),
    RestartPolicy: restartPolicyBody(spec.restart),
    ...resourcesBody(spec.resources),
    ...(spec.init === undefined ? {} : { Init: spec.init }),
    Privileged: spec.privileged,
    ReadonlyRootfs: spec.readOnly,
    CapAdd: spec.capAdd,
    CapDrop: spec.capDrop,
    Dns: spec.dns,
    ExtraHosts: spec.extraHosts,
    ...hostOptionsBody(spec),
  };
}

/** Only what the spec sets: everything else keeps the engine's (or the daemon's) default. */
function hostOptionsBody(spec: ContainerSpec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    DnsOptions: spec.dnsOptions,
    DnsSearch: spec.dnsSearch,
    // An empty Type is the daemon's default driver, which then gets the options.
    LogConfig: spec.logging && { Type: spec.logging.driver ?? "", Config: spec.logging.options },
    Ulimits: spec.ulimits?.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
    Sysctls: spec.sysctls,
    ShmSize: spec.shmSize,
    SecurityOpt: spec.securityOpt,
    Devices: spec.devices?.map((d) => ({
      PathOnHost: d.source,
      PathInContainer: d.target,
      CgroupPermissions: d.permissions,
    })),
    PidMode: spec.pidMode,
    IpcMode: spec.ipcMode,
    VolumesFrom: spec.volumesFrom,
    CgroupParent: spec.cgroupParent,
    CgroupnsMode: spec.cgroupnsMode,
    OomKillDisable: spec.oomKillDisable,
    OomScoreAdj: spec.oomScoreAdj,
    GroupAdd: spec.groupAdd,
    UsernsMode: spec.usernsMode,
    UTSMode: spec.utsMode,
    Runtime: spec.runtime,
    CpuPeriod: spec.cpuPeriod,
    CpuQuota: spec.cpuQuota,
    CpuRealtimePeriod: spec.cpuRtPeriod,
    CpuRealtimeRuntime: spec.cpuRtRuntime,
    CpusetCpus: spec.cpuset,
    MemorySwappiness: spec.memSwappiness,
    BlkioWeight: spec.blkio?.weight,
    BlkioWeightDevice: spec.blkio?.weightDevice?.map((d) => ({ Path: d.path, Weight: d.weight })),
    BlkioDeviceReadBps: spec.blkio?.deviceReadBps?.map(rateBody),
    BlkioDeviceWriteBps: spec.blkio?.deviceWriteBps?.map(rateBody),
    BlkioDeviceReadIOps: spec.blkio?.deviceReadIops?.map(rateBody),
    BlkioDeviceWriteIOps: spec.blkio?.deviceWriteIops?.map(rateBody),
    DeviceCgroupRules: spec.deviceCgroupRules,
    StorageOpt: spec.storageOpt,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

const rateBody = (r: { path: string; rate: number }) => ({ Path: r.path, Rate: r.rate });

const isBindString = (m: EngineMount): boolean =>
  m.type === "bind" && (m.createHostPath || m.selinux !== undefined);

function bindString(mount: EngineMount): string {
  if (mount.type !== "bind") throw new Error("bindString: not a bind mount");
  const options = [mount.readOnly ? "ro" : "rw", mount.selinux, mount.propagation].filter(Boolean);
  return `${mount.source}:${mount.target}:${options.join(",")}`;
}

function mountBody(mount: EngineMount): Record<string, unknown> {
  switch (mount.type) {
    case "volume":
      return {
        Type: "volume",
        ...(mount.source === undefined ? {} : { Source: mount.source }),
        Target: mount.target,
        ReadOnly: mount.readOnly,
        ...(mount.noCopy || mount.labels
          ? {
              VolumeOptions: {
                ...(mount.noCopy ? { NoCopy: true } : {}),
                ...(mount.labels ? { Labels: mount.labels } : {}),
              },
            }
          : {}),
      };
    case "bind":
      return {
        Type: "bind",
        Source: mount.source,
        Target: mount.target,
        ReadOnly: mount.readOnly,
        ...(mount.propagation === undefined ? {} : { BindOptions: { Propagation: mount.propagation } }),
      };
    case "tmpfs":
      return {
        Type: "tmpfs",
        Target: mount.target,
        TmpfsOptions: {
          ...(mount.size === undefined ? {} : { SizeBytes: mount.size }),
          ...(mount.mode === undefined ? {} : { Mode: mount.mode }),
        },
      };
  }
}

export function restartPolicyBody(restart: RestartPolicy): Record<string, unknown> {
  return {
    Name: restart.name === "no" ? "" : restart.name,
    MaximumRetryCount: restart.name === "on-failure" ? restart.maximumRetryCount : 0,
  };
}

/**
 * For create, absent limits are simply not sent. For `docker update`, 0 means "leave as is" to
 * the engine, so lifting the pids limit sends the engine's "unlimited", -1 (memory and CPU limits
 * cannot be lifted in place at all; the planner replaces the container). A memory limit travels
 * with a swap limit the engine accepts (it refuses memory above the current swap): what create
 * would have given it, twice the memory.
 */
export function resourcesBody(resources: Resources, forUpdate = false): Record<string, number> {
  const memory = resources.memoryLimit;
  const swap =
    forUpdate && memory !== undefined && memory > 0 && resources.memswapLimit === undefined
      ? memory * 2
      : resources.memswapLimit;
  const body: Record<string, number | undefined> = {
    Memory: memory,
    MemoryReservation: resources.memoryReservation,
    MemorySwap: swap,
    NanoCpus: resources.nanoCpus,
    CpuShares: resources.cpuShares,
    PidsLimit: forUpdate && resources.pidsLimit === 0 ? -1 : resources.pidsLimit,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as Record<
    string,
    number
  >;
}
