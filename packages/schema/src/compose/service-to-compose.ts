import { resolve } from "node:path";
import type {
  BuildSpec,
  DesiredFileObject,
  DesiredService,
  Healthcheck,
  Link,
  Mount,
  PortBinding,
  Resources,
  ServiceNetwork,
  Ulimit,
} from "../model/desired-stack.js";
import { API_SOCKET } from "../model/labels.js";
import { DEFAULT_NETWORK } from "../normalise/normalise-networking.js";
import { pullPolicyText } from "../parse/pull-policy.js";
import { isSensitiveKey } from "../sensitive.js";
import { formatByteSize, formatCpus, formatDuration, formatFileMode } from "./compose-values.js";
import { developToCompose } from "./develop-to-compose.js";
import { hooksToCompose } from "./hooks-to-compose.js";

export type ComposeMapping = Record<string, unknown>;

/** The top-level `secrets:` and `configs:` a service's read-only binds may come from. */
export interface FileObjects {
  secrets: Record<string, DesiredFileObject>;
  configs: Record<string, DesiredFileObject>;
}

/** Sets `key` only when the value says something; `undefined` never reaches the output. */
function put(target: ComposeMapping, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

const nonEmpty = <T>(list: readonly T[]): T[] | undefined => (list.length > 0 ? [...list] : undefined);
const nonEmptyRecord = <T>(record: Record<string, T>): Record<string, T> | undefined =>
  Object.keys(record).length > 0 ? { ...record } : undefined;
const ifTrue = (value: boolean): true | undefined => (value ? true : undefined);

function port(binding: PortBinding): ComposeMapping {
  const entry: ComposeMapping = { target: binding.target };
  // Compose writes the published port as a string, because it may be a range.
  if (binding.published !== undefined) entry.published = String(binding.published);
  put(entry, "host_ip", binding.hostIp);
  if (binding.protocol !== "tcp") entry.protocol = binding.protocol;
  put(entry, "name", binding.name);
  put(entry, "app_protocol", binding.appProtocol);
  return entry;
}

function volume(mount: Mount): ComposeMapping {
  const entry: ComposeMapping = { type: mount.type };
  if (mount.type === "tmpfs") {
    entry.target = mount.target;
    const tmpfs: ComposeMapping = {};
    if (mount.size !== undefined) tmpfs.size = formatByteSize(mount.size);
    if (mount.mode !== undefined) tmpfs.mode = formatFileMode(mount.mode);
    if (Object.keys(tmpfs).length > 0) entry.tmpfs = tmpfs;
    return entry;
  }
  put(entry, "source", mount.source);
  entry.target = mount.target;
  if (mount.readOnly) entry.read_only = true;
  // The long syntax's defaults are the opposite of what the model may hold: say it when not.
  const options: ComposeMapping = {};
  if (mount.type === "volume") {
    if (mount.noCopy) options.nocopy = true;
    put(options, "labels", mount.labels && { ...mount.labels });
  } else {
    if (mount.createHostPath) options.create_host_path = true;
    put(options, "propagation", mount.propagation);
    put(options, "selinux", mount.selinux);
  }
  if (Object.keys(options).length > 0) entry[mount.type] = options;
  return entry;
}

/** The key of a declared secret or config whose file this mount is, mounted as Compose mounts them. */
function fileObjectKey(mount: Mount, objects: Record<string, DesiredFileObject>): string | undefined {
  if (mount.type !== "bind" || !mount.readOnly || mount.createHostPath) return undefined;
  return Object.values(objects).find((object) => object.file === mount.source)?.key;
}

function fileObjectReference(key: string, target: string, base: string): string | ComposeMapping {
  return target === resolve(base, key) ? key : { source: key, target };
}

/**
 * Mounts as `volumes:` in the long syntax, except the trailing read-only binds of declared secret
 * and config files: the loader puts `secrets:` then `configs:` after every other mount, so
 * writing those back as references keeps the order of the mounts.
 */
function mountSections(mounts: Mount[], objects: FileObjects): ComposeMapping {
  let end = mounts.length;
  const configs: (string | ComposeMapping)[] = [];
  const secrets: (string | ComposeMapping)[] = [];
  for (let mount = mounts[end - 1]; mount; mount = mounts[end - 1]) {
    const key = fileObjectKey(mount, objects.configs);
    if (key === undefined) break;
    configs.unshift(fileObjectReference(key, mount.target, "/"));
    end--;
  }
  for (let mount = mounts[end - 1]; mount; mount = mounts[end - 1]) {
    const key = fileObjectKey(mount, objects.secrets);
    if (key === undefined) break;
    secrets.unshift(fileObjectReference(key, mount.target, "/run/secrets"));
    end--;
  }
  const sections: ComposeMapping = {};
  put(sections, "volumes", nonEmpty(mounts.slice(0, end).map(volume)));
  put(sections, "secrets", nonEmpty(secrets));
  put(sections, "configs", nonEmpty(configs));
  return sections;
}

/**
 * Secrets and configs copied in (`environment:`/`content:`) as references after the `file:`
 * ones, which is where the loader puts them back; owner and mode only when not Compose's default.
 */
function addInjectedReferences(out: ComposeMapping, service: DesiredService): void {
  for (const kind of ["secret", "config"] as const) {
    const files = (service.injectedFiles ?? []).filter((file) => file.kind === kind);
    if (files.length === 0) continue;
    const section = `${kind}s`;
    const references = (out[section] as (string | ComposeMapping)[] | undefined) ?? [];
    for (const file of files) {
      const reference = fileObjectReference(file.key, file.target, kind === "secret" ? "/run/secrets" : "/");
      const entry: ComposeMapping = typeof reference === "string" ? { source: reference } : reference;
      if (file.uid !== 0) entry.uid = String(file.uid);
      if (file.gid !== 0) entry.gid = String(file.gid);
      if (file.mode !== 0o444) entry.mode = formatFileMode(file.mode);
      references.push(Object.keys(entry).length === 1 ? file.key : entry);
    }
    out[section] = references;
  }
}

function network(options: ServiceNetwork): ComposeMapping {
  const entry: ComposeMapping = {};
  put(entry, "aliases", nonEmpty(options.aliases));
  put(entry, "ipv4_address", options.ipv4Address);
  put(entry, "ipv6_address", options.ipv6Address);
  put(entry, "link_local_ips", options.linkLocalIps && [...options.linkLocalIps]);
  put(entry, "driver_opts", options.driverOpts && { ...options.driverOpts });
  put(entry, "priority", options.priority);
  return entry;
}

function networking(service: DesiredService): ComposeMapping {
  const mode = service.networkMode;
  if (mode) return { network_mode: mode.kind === "service" ? `service:${mode.service}` : mode.kind };
  const keys = Object.keys(service.networks);
  const only = service.networks[DEFAULT_NETWORK];
  // What the loader gives a service that names no network.
  if (keys.length === 1 && only && Object.keys(network(only)).length === 0) return {};
  const networks: ComposeMapping = {};
  for (const [key, options] of Object.entries(service.networks)) networks[key] = network(options);
  return { networks };
}

function healthcheck(check: Healthcheck): ComposeMapping {
  const timings = [check.interval, check.timeout, check.startPeriod, check.retries];
  if (check.test.length === 1 && check.test[0] === "NONE" && timings.every((t) => t === undefined)) {
    return { disable: true };
  }
  const entry: ComposeMapping = {};
  // An empty test keeps the image's own check: it is written by leaving `test` out.
  put(entry, "test", nonEmpty(check.test));
  if (check.interval !== undefined) entry.interval = formatDuration(check.interval);
  if (check.timeout !== undefined) entry.timeout = formatDuration(check.timeout);
  if (check.startPeriod !== undefined) entry.start_period = formatDuration(check.startPeriod);
  put(entry, "retries", check.retries);
  return entry;
}

function deploy(replicas: number, resources: Resources): ComposeMapping | undefined {
  const limits: ComposeMapping = {};
  if (resources.nanoCpus !== undefined) limits.cpus = formatCpus(resources.nanoCpus);
  if (resources.memoryLimit !== undefined) limits.memory = formatByteSize(resources.memoryLimit);
  put(limits, "pids", resources.pidsLimit);
  const reservations: ComposeMapping = {};
  if (resources.memoryReservation !== undefined)
    reservations.memory = formatByteSize(resources.memoryReservation);
  const resourcesEntry: ComposeMapping = {};
  if (Object.keys(limits).length > 0) resourcesEntry.limits = limits;
  if (Object.keys(reservations).length > 0) resourcesEntry.reservations = reservations;
  const entry: ComposeMapping = {};
  if (replicas !== 1) entry.replicas = replicas;
  if (Object.keys(resourcesEntry).length > 0) entry.resources = resourcesEntry;
  return Object.keys(entry).length > 0 ? entry : undefined;
}

/** `host:ip` as the loader reads it back: a list entry with `=` has its first `=` read as `:`. */
function extraHost(entry: string): string {
  const eq = entry.indexOf("=");
  const colon = entry.indexOf(":");
  return eq >= 0 && colon >= 0 && colon < eq ? `${entry.slice(0, colon)}=${entry.slice(colon + 1)}` : entry;
}

/** One number when both limits agree, as Compose writes it. */
const composeUlimits = (ulimits: Record<string, Ulimit>): ComposeMapping =>
  Object.fromEntries(
    Object.entries(ulimits).map(([name, { soft, hard }]) => [name, soft === hard ? soft : { soft, hard }]),
  );

/** The build's options beyond context, Dockerfile, args and target, each only when the file set it. */
function buildOptions(build: BuildSpec): ComposeMapping {
  const out: ComposeMapping = {};
  put(out, "dockerfile_inline", build.dockerfileInline);
  put(out, "labels", build.labels && { ...build.labels });
  put(out, "tags", build.tags && [...build.tags]);
  put(out, "cache_from", build.cacheFrom && [...build.cacheFrom]);
  put(out, "no_cache", build.noCache);
  put(out, "pull", build.pull);
  put(out, "network", build.network);
  put(out, "extra_hosts", build.extraHosts?.map(extraHost));
  if (build.shmSize !== undefined) out.shm_size = formatByteSize(build.shmSize);
  if (build.ulimits) out.ulimits = composeUlimits(build.ulimits);
  return out;
}

/**
 * One service as Compose writes it, with only the keys that differ from what the loader would
 * fill in. Strings are raw here: the caller escapes `$` for the whole document.
 */
export function serviceToCompose(
  service: DesiredService,
  stackName: string,
  objects: FileObjects,
): ComposeMapping {
  const out: ComposeMapping = {};
  const defaultImage = `${stackName}-${service.name}`;
  // Without `image:`, a service that builds is named after the stack and pulls with `build`.
  const imageImplied = service.build !== undefined && service.image === defaultImage;
  if (!imageImplied) out.image = service.image;
  if (service.build) {
    const build: ComposeMapping = { context: service.build.context };
    if (service.build.dockerfile !== "Dockerfile") build.dockerfile = service.build.dockerfile;
    put(build, "args", nonEmptyRecord(service.build.args));
    put(build, "target", service.build.target);
    Object.assign(build, buildOptions(service.build));
    out.build = build;
  }
  if (service.pullPolicy === "refresh" && service.pullInterval !== undefined)
    out.pull_policy = pullPolicyText(service.pullInterval);
  else if (service.pullPolicy !== (imageImplied ? "build" : "missing")) out.pull_policy = service.pullPolicy;
  put(out, "platform", service.platform);
  put(out, "command", service.command && [...service.command]);
  put(out, "entrypoint", service.entrypoint && [...service.entrypoint]);
  put(out, "environment", nonEmptyRecord(service.environment));
  // Keys named like secrets are sensitive anyway; only the others need declaring.
  const declared = service.sensitiveKeys.filter(
    (key) => !((key in service.environment || key in (service.build?.args ?? {})) && isSensitiveKey(key)),
  );
  put(out, "x-sensitive", nonEmpty(declared));
  put(out, "ports", nonEmpty(service.ports.map(port)));
  put(
    out,
    "expose",
    nonEmpty(service.expose.map((e) => (e.protocol === "tcp" ? String(e.port) : `${e.port}/${e.protocol}`))),
  );
  // `use_api_socket` says the socket bind itself.
  const mounts = service.useApiSocket
    ? service.mounts.filter((m) => !(m.type === "bind" && m.target === API_SOCKET))
    : service.mounts;
  if (service.useApiSocket) out.use_api_socket = true;
  Object.assign(out, mountSections(mounts, objects), networking(service));
  addInjectedReferences(out, service);
  const dependsOn: ComposeMapping = {};
  for (const [name, dependency] of Object.entries(service.dependsOn)) {
    const entry: ComposeMapping = { condition: dependency.condition };
    if (dependency.restart) entry.restart = true;
    if (!dependency.required) entry.required = false;
    dependsOn[name] = entry;
  }
  put(out, "depends_on", nonEmptyRecord(dependsOn));
  if (service.healthcheck) out.healthcheck = healthcheck(service.healthcheck);
  Object.assign(out, hooksToCompose(service.hooks));
  Object.assign(out, developToCompose(service.watch));
  const { name: restart, maximumRetryCount } = service.restart;
  if (restart !== "no") out.restart = maximumRetryCount > 0 ? `${restart}:${maximumRetryCount}` : restart;
  put(out, "deploy", deploy(service.replicas, service.resources));
  const { memswapLimit, cpuShares } = service.resources;
  if (memswapLimit !== undefined) out.memswap_limit = memswapLimit === -1 ? -1 : formatByteSize(memswapLimit);
  put(out, "cpu_shares", cpuShares);
  put(out, "labels", nonEmptyRecord(service.labels));
  put(out, "init", service.init);
  put(out, "user", service.user);
  put(out, "working_dir", service.workingDir);
  put(out, "hostname", service.hostname);
  put(out, "extra_hosts", nonEmpty(service.extraHosts.map(extraHost)));
  put(out, "dns", nonEmpty(service.dns));
  put(out, "cap_add", nonEmpty(service.capAdd));
  put(out, "cap_drop", nonEmpty(service.capDrop));
  put(out, "privileged", ifTrue(service.privileged));
  put(out, "read_only", ifTrue(service.readOnly));
  put(out, "stop_signal", service.stopSignal);
  if (service.stopGracePeriod !== undefined) out.stop_grace_period = formatDuration(service.stopGracePeriod);
  put(out, "tty", ifTrue(service.tty));
  put(out, "stdin_open", ifTrue(service.stdinOpen));
  put(out, "container_name", service.containerName);
  put(out, "profiles", nonEmpty(service.profiles));
  Object.assign(out, hostOptions(service));
  return out;
}

/** Host options, each only when the file set it (an empty list still says something). */
function hostOptions(service: DesiredService): ComposeMapping {
  const out: ComposeMapping = {};
  put(out, "dns_opt", service.dnsOptions && [...service.dnsOptions]);
  put(out, "dns_search", service.dnsSearch && [...service.dnsSearch]);
  if (service.logging) {
    const logging: ComposeMapping = {};
    put(logging, "driver", service.logging.driver);
    put(logging, "options", nonEmptyRecord(service.logging.options));
    out.logging = logging;
  }
  if (service.ulimits) out.ulimits = composeUlimits(service.ulimits);
  put(out, "sysctls", service.sysctls && { ...service.sysctls });
  if (service.shmSize !== undefined) out.shm_size = formatByteSize(service.shmSize);
  put(out, "security_opt", service.securityOpt && [...service.securityOpt]);
  put(
    out,
    "devices",
    service.devices?.map((d) => ({ source: d.source, target: d.target, permissions: d.permissions })),
  );
  put(out, "pid", service.pid);
  put(out, "ipc", service.ipc);
  const linkText = (l: Link) => (l.alias === undefined ? l.name : `${l.name}:${l.alias}`);
  put(out, "links", service.links?.map(linkText));
  put(out, "external_links", service.externalLinks?.map(linkText));
  put(
    out,
    "volumes_from",
    service.volumesFrom?.map(
      (v) => `${v.kind === "container" ? "container:" : ""}${v.name}${v.readOnly ? ":ro" : ""}`,
    ),
  );
  put(out, "cgroup_parent", service.cgroupParent);
  put(out, "cgroup", service.cgroup);
  put(out, "oom_kill_disable", service.oomKillDisable);
  put(out, "oom_score_adj", service.oomScoreAdj);
  put(out, "group_add", service.groupAdd && [...service.groupAdd]);
  put(out, "domainname", service.domainname);
  put(out, "mac_address", service.macAddress);
  put(out, "userns_mode", service.usernsMode);
  put(out, "uts", service.uts);
  put(out, "runtime", service.runtime);
  put(out, "cpu_period", service.cpuPeriod);
  put(out, "cpu_quota", service.cpuQuota);
  put(out, "cpu_rt_period", service.cpuRtPeriod);
  put(out, "cpu_rt_runtime", service.cpuRtRuntime);
  put(out, "cpuset", service.cpuset);
  put(out, "mem_swappiness", service.memSwappiness);
  if (service.blkio) {
    const { weight, weightDevice, deviceReadBps, deviceWriteBps, deviceReadIops, deviceWriteIops } =
      service.blkio;
    const blkio: ComposeMapping = {};
    put(blkio, "weight", weight);
    put(blkio, "weight_device", weightDevice);
    put(blkio, "device_read_bps", deviceReadBps);
    put(blkio, "device_write_bps", deviceWriteBps);
    put(blkio, "device_read_iops", deviceReadIops);
    put(blkio, "device_write_iops", deviceWriteIops);
    out.blkio_config = blkio;
  }
  put(out, "device_cgroup_rules", service.deviceCgroupRules && [...service.deviceCgroupRules]);
  put(out, "storage_opt", service.storageOpt && { ...service.storageOpt });
  return out;
}
