import type {
  BlkioConfig,
  BlkioRate,
  DesiredService,
  DeviceMapping,
  Ulimit,
} from "../model/desired-stack.js";
import { parseByteSize } from "../parse/byte-size.js";
import { parseDevice, parseInteger, parseMicroseconds } from "../parse/host-options.js";
import { parsedValues } from "../parse/parsed.js";
import { parseLink, parseVolumesFrom } from "../parse/volumes-from.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { keyValues, sortedRecord } from "./normalise-context.js";

type HostOptions = Pick<
  DesiredService,
  | "dnsOptions"
  | "dnsSearch"
  | "logging"
  | "ulimits"
  | "sysctls"
  | "shmSize"
  | "securityOpt"
  | "devices"
  | "pid"
  | "ipc"
  | "volumesFrom"
  | "links"
  | "externalLinks"
  | "cgroupParent"
  | "cgroup"
  | "oomKillDisable"
  | "oomScoreAdj"
  | "groupAdd"
  | "domainname"
  | "macAddress"
  | "usernsMode"
  | "uts"
  | "runtime"
  | "cpuPeriod"
  | "cpuQuota"
  | "cpuRtPeriod"
  | "cpuRtRuntime"
  | "cpuset"
  | "memSwappiness"
  | "blkio"
  | "deviceCgroupRules"
  | "storageOpt"
>;

/** The schema has checked every value: a failed parse here cannot happen, and yields nothing. */
const integer = (value: string | number): number | undefined => {
  const result = parseInteger(value);
  return result.ok ? result.value : undefined;
};

export function ulimits(input: NonNullable<ServiceInput["ulimits"]>): Record<string, Ulimit> {
  const entries: [string, Ulimit][] = [];
  for (const [name, value] of Object.entries(input)) {
    // One number sets both limits, as `docker run --ulimit nofile=1024` does.
    const pair = typeof value === "object" ? value : { soft: value, hard: value };
    const soft = integer(pair.soft);
    const hard = integer(pair.hard);
    if (soft !== undefined && hard !== undefined) entries.push([name, { soft, hard }]);
  }
  return sortedRecord(entries);
}

function devices(input: NonNullable<ServiceInput["devices"]>): DeviceMapping[] {
  const list: DeviceMapping[] = [];
  for (const entry of input) {
    if (typeof entry === "string") {
      const result = parseDevice(entry);
      if (result.ok) list.push(result.value);
    } else {
      list.push({
        source: entry.source,
        target: entry.target ?? entry.source,
        permissions: entry.permissions ?? "rwm",
      });
    }
  }
  return list;
}

/**
 * Logging, limits, namespaces and devices: each set only when the file sets it (see
 * DesiredService), in the forms the Engine API takes.
 */
export function normaliseHostOptions(service: ServiceInput): HostOptions {
  const out: HostOptions = {};
  if (service.dns_opt !== undefined) out.dnsOptions = [...service.dns_opt];
  if (service.dns_search !== undefined)
    out.dnsSearch = typeof service.dns_search === "string" ? [service.dns_search] : [...service.dns_search];
  if (service.logging !== undefined) {
    const options = Object.entries(service.logging.options ?? {})
      // A null option is Compose's way to leave it unset.
      .filter((entry): entry is [string, string | number] => entry[1] !== null)
      .map(([key, value]): [string, string] => [key, String(value)]);
    out.logging = { options: sortedRecord(options) };
    if (service.logging.driver !== undefined) out.logging.driver = service.logging.driver;
  }
  if (service.ulimits !== undefined) out.ulimits = ulimits(service.ulimits);
  if (service.sysctls !== undefined) out.sysctls = sortedRecord(keyValues(service.sysctls, () => ""));
  if (service.shm_size !== undefined) {
    const size = parseByteSize(service.shm_size);
    if (size.ok) out.shmSize = size.value;
  }
  if (service.security_opt !== undefined) out.securityOpt = [...service.security_opt];
  if (service.devices !== undefined) out.devices = devices(service.devices);
  if (service.pid !== undefined && service.pid !== null) out.pid = service.pid;
  if (service.ipc !== undefined) out.ipc = service.ipc;
  if (service.links !== undefined) out.links = parsedValues(service.links, parseLink);
  if (service.external_links !== undefined)
    out.externalLinks = parsedValues(service.external_links, parseLink);
  if (service.volumes_from !== undefined)
    out.volumesFrom = parsedValues(service.volumes_from, parseVolumesFrom);
  if (service.cgroup_parent !== undefined) out.cgroupParent = service.cgroup_parent;
  if (service.cgroup !== undefined) out.cgroup = service.cgroup;
  if (service.oom_kill_disable !== undefined) out.oomKillDisable = service.oom_kill_disable;
  if (service.oom_score_adj !== undefined) {
    const value = integer(service.oom_score_adj);
    if (value !== undefined) out.oomScoreAdj = value;
  }
  if (service.group_add !== undefined) out.groupAdd = service.group_add.map(String);
  if (service.domainname !== undefined) out.domainname = service.domainname;
  if (service.mac_address !== undefined) out.macAddress = service.mac_address.toLowerCase();
  if (service.userns_mode !== undefined) out.usernsMode = service.userns_mode;
  if (service.uts !== undefined) out.uts = service.uts;
  if (service.runtime !== undefined) out.runtime = service.runtime;
  const micro = (value: string | number | undefined) => {
    const result = value === undefined ? undefined : parseMicroseconds(value);
    return result?.ok ? result.value : undefined;
  };
  const cpu = {
    cpuPeriod: micro(service.cpu_period),
    cpuQuota: micro(service.cpu_quota),
    cpuRtPeriod: micro(service.cpu_rt_period),
    cpuRtRuntime: micro(service.cpu_rt_runtime),
    cpuset: service.cpuset,
    memSwappiness: service.mem_swappiness === undefined ? undefined : integer(service.mem_swappiness),
    blkio: service.blkio_config && blkio(service.blkio_config),
    deviceCgroupRules: service.device_cgroup_rules && [...service.device_cgroup_rules],
    storageOpt: service.storage_opt && sortedRecord(Object.entries(service.storage_opt)),
  };
  for (const [key, value] of Object.entries(cpu))
    if (value !== undefined) Object.assign(out, { [key]: value });
  return out;
}

function blkio(input: NonNullable<ServiceInput["blkio_config"]>): BlkioConfig {
  const config: BlkioConfig = {};
  const rates = (list: { path: string; rate: string | number }[] | undefined, size: boolean) =>
    list?.flatMap((entry): BlkioRate[] => {
      const rate = size ? parseByteSize(entry.rate) : parseInteger(entry.rate);
      return rate.ok ? [{ path: entry.path, rate: rate.value }] : [];
    });
  if (input.weight !== undefined) config.weight = integer(input.weight);
  if (input.weight_device)
    config.weightDevice = input.weight_device.map((d) => ({ path: d.path, weight: integer(d.weight) ?? 0 }));
  const parts = {
    deviceReadBps: rates(input.device_read_bps, true),
    deviceWriteBps: rates(input.device_write_bps, true),
    deviceReadIops: rates(input.device_read_iops, false),
    deviceWriteIops: rates(input.device_write_iops, false),
  };
  for (const [key, value] of Object.entries(parts)) if (value) Object.assign(config, { [key]: value });
  return config;
}
