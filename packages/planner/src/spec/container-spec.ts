import {
  type ContainerSpec,
  type DesiredService,
  type DesiredStack,
  type EngineMount,
  type EnginePortBinding,
  type InjectedFile,
  Labels,
  type NetworkAttachment,
} from "@stackform/schema/contract";
import { assertNever } from "../util/assert-never.js";
import { compareText } from "../util/compare.js";
import { endpointSettings } from "./endpoint-options.js";
import { containerName } from "./names.js";

/** The value of `dev.stackform.version` when the caller does not say; not part of the config hash. */
export const DEFAULT_STACKFORM_VERSION = "0.1.0";

/**
 * The container Stackform creates for replica `number` of a service, without its config-hash
 * label (the planner hashes this spec and adds it). Pure: the same service gives the same spec.
 */
export function buildContainerSpec(
  desired: DesiredStack,
  service: DesiredService,
  number: number,
  version: string = DEFAULT_STACKFORM_VERSION,
): ContainerSpec {
  const networks = networkAttachments(desired, service);
  const spec: ContainerSpec = {
    name: containerName(desired.name, service, number),
    image: service.image,
    env: { ...service.environment },
    labels: {
      ...service.labels,
      [Labels.stack]: desired.name,
      [Labels.service]: service.name,
      [Labels.number]: String(number),
      [Labels.version]: version,
      [Labels.composeProject]: desired.name,
      [Labels.composeService]: service.name,
      [Labels.composeNumber]: String(number),
      [Labels.composeOneoff]: "False",
    },
    tty: service.tty,
    stdinOpen: service.stdinOpen,
    exposedPorts: exposedPorts(service),
    portBindings: portBindings(service),
    mounts: mounts(desired, service),
    networkMode: networkMode(desired, service, networks),
    networks,
    restart: { ...service.restart },
    resources: { ...service.resources },
    privileged: service.privileged,
    readOnly: service.readOnly,
    capAdd: [...service.capAdd],
    capDrop: [...service.capDrop],
    dns: [...service.dns],
    extraHosts: [...service.extraHosts],
  };
  if (service.platform !== undefined) spec.platform = service.platform;
  if (service.command) spec.command = [...service.command];
  if (service.entrypoint) spec.entrypoint = [...service.entrypoint];
  if (service.user !== undefined) spec.user = service.user;
  if (service.workingDir !== undefined) spec.workingDir = service.workingDir;
  if (service.hostname !== undefined) spec.hostname = service.hostname;
  if (service.stopSignal !== undefined) spec.stopSignal = service.stopSignal;
  // Rounded up: a grace period is never shortened by the conversion.
  if (service.stopGracePeriod !== undefined)
    spec.stopTimeoutSeconds = Math.ceil(service.stopGracePeriod / 1e9);
  if (service.healthcheck) spec.healthcheck = { ...service.healthcheck, test: [...service.healthcheck.test] };
  if (service.init !== undefined) spec.init = service.init;
  if (service.injectedFiles && service.injectedFiles.length > 0) {
    spec.files = service.injectedFiles.map((file) => ({ ...file }));
    spec.labels[Labels.files] = injectedFilesLabel(spec.files);
  }
  Object.assign(spec, hostOptions(service), containerReferences(desired, service));
  return spec;
}

/** The `dev.stackform.files` label: which files were copied in, never what they hold. */
export function injectedFilesLabel(files: readonly InjectedFile[]): string {
  return JSON.stringify(files.map(({ kind, key, target }) => ({ kind, key, target })));
}

/** `pid`/`ipc` `service:x`, `volumes_from` and `links` name another service's first container, as Compose does. */
function containerReferences(desired: DesiredStack, service: DesiredService): Partial<ContainerSpec> {
  const first = (name: string): string => {
    const target = desired.services[name];
    return target ? containerName(desired.name, target, 1) : `${desired.name}-${name}-1`;
  };
  const namespace = (mode: string): string =>
    mode.startsWith("service:") ? `container:${first(mode.slice("service:".length))}` : mode;
  const spec: Partial<ContainerSpec> = {};
  if (service.pid !== undefined) spec.pidMode = namespace(service.pid);
  if (service.ipc !== undefined) spec.ipcMode = namespace(service.ipc);
  if (service.volumesFrom)
    spec.volumesFrom = service.volumesFrom.map(
      (entry) => `${entry.kind === "service" ? first(entry.name) : entry.name}${entry.readOnly ? ":ro" : ""}`,
    );
  // Compose's alias for `links: [db]` is the service name.
  const links = [
    ...(service.links ?? []).map((l) => `${first(l.name)}:${l.alias ?? l.name}`),
    ...(service.externalLinks ?? []).map((l) => (l.alias === undefined ? l.name : `${l.name}:${l.alias}`)),
  ];
  if (service.links || service.externalLinks) spec.links = links;
  return spec;
}

/** Host options, only those the file sets (absent ones keep the config hash unchanged). */
function hostOptions(service: DesiredService): Partial<ContainerSpec> {
  const spec: Partial<ContainerSpec> = {};
  if (service.dnsOptions) spec.dnsOptions = [...service.dnsOptions];
  if (service.dnsSearch) spec.dnsSearch = [...service.dnsSearch];
  if (service.logging) spec.logging = { ...service.logging, options: { ...service.logging.options } };
  if (service.ulimits)
    spec.ulimits = Object.entries(service.ulimits)
      .map(([name, limit]) => ({ name, ...limit }))
      .sort((a, b) => compareText(a.name, b.name));
  if (service.sysctls) spec.sysctls = { ...service.sysctls };
  if (service.shmSize !== undefined) spec.shmSize = service.shmSize;
  if (service.securityOpt) spec.securityOpt = [...service.securityOpt];
  if (service.devices) spec.devices = service.devices.map((d) => ({ ...d }));
  if (service.pid !== undefined) spec.pidMode = service.pid;
  if (service.ipc !== undefined) spec.ipcMode = service.ipc;
  if (service.cgroupParent !== undefined) spec.cgroupParent = service.cgroupParent;
  if (service.cgroup !== undefined) spec.cgroupnsMode = service.cgroup;
  if (service.oomKillDisable !== undefined) spec.oomKillDisable = service.oomKillDisable;
  if (service.oomScoreAdj !== undefined) spec.oomScoreAdj = service.oomScoreAdj;
  if (service.groupAdd) spec.groupAdd = [...service.groupAdd];
  if (service.domainname !== undefined) spec.domainname = service.domainname;
  if (service.macAddress !== undefined) spec.macAddress = service.macAddress;
  if (service.usernsMode !== undefined) spec.usernsMode = service.usernsMode;
  if (service.uts !== undefined) spec.utsMode = service.uts;
  if (service.runtime !== undefined) spec.runtime = service.runtime;
  if (service.cpuPeriod !== undefined) spec.cpuPeriod = service.cpuPeriod;
  if (service.cpuQuota !== undefined) spec.cpuQuota = service.cpuQuota;
  if (service.cpuRtPeriod !== undefined) spec.cpuRtPeriod = service.cpuRtPeriod;
  if (service.cpuRtRuntime !== undefined) spec.cpuRtRuntime = service.cpuRtRuntime;
  if (service.cpuset !== undefined) spec.cpuset = service.cpuset;
  if (service.memSwappiness !== undefined) spec.memSwappiness = service.memSwappiness;
  if (service.blkio) spec.blkio = structuredClone(service.blkio);
  if (service.deviceCgroupRules) spec.deviceCgroupRules = [...service.deviceCgroupRules];
  if (service.storageOpt) spec.storageOpt = { ...service.storageOpt };
  return spec;
}

/**
 * Compose (v1 `_get_aliases`) gives every endpoint the service name as an alias besides the
 * declared ones; it also adds the container's short id, which the engine adds by itself and
 * `observe()` drops, so it is left out here too.
 */
function networkAttachments(desired: DesiredStack, service: DesiredService): NetworkAttachment[] {
  if (service.networkMode) return [];
  // Compose joins the networks by descending `priority`, so the highest is the one created with.
  const priority = (key: string): number => service.networks[key]?.priority ?? 0;
  return Object.keys(service.networks)
    .sort((a, b) => priority(b) - priority(a) || compareText(a, b))
    .map((key) => {
      const entry = service.networks[key]!;
      return {
        network: desired.networks[key]?.name ?? `${desired.name}_${key}`,
        aliases: [...new Set([service.name, ...entry.aliases])].sort(),
        ...endpointSettings(entry),
      };
    });
}

function networkMode(desired: DesiredStack, service: DesiredService, networks: NetworkAttachment[]): string {
  const mode = service.networkMode;
  if (!mode) return networks[0]?.network ?? "none";
  switch (mode.kind) {
    case "bridge":
    case "host":
    case "none":
      return mode.kind;
    case "service": {
      // Joins the namespace of the other service's first container, as Compose does.
      const target = desired.services[mode.service];
      return `container:${target ? containerName(desired.name, target, 1) : `${desired.name}-${mode.service}-1`}`;
    }
    default:
      return assertNever(mode);
  }
}

function exposedPorts(service: DesiredService): string[] {
  const ports = new Set<string>();
  for (const port of service.ports) ports.add(`${port.target}/${port.protocol}`);
  for (const port of service.expose) ports.add(`${port.port}/${port.protocol}`);
  return [...ports].sort(comparePortText);
}

const comparePortText = (a: string, b: string): number =>
  Number.parseInt(a, 10) - Number.parseInt(b, 10) || compareText(a, b);

/** Sorted, so reordering `ports:` in the file does not recreate the container. */
function portBindings(service: DesiredService): EnginePortBinding[] {
  return service.ports
    .map((port) => {
      const binding: EnginePortBinding = { target: port.target, protocol: port.protocol };
      if (port.hostIp !== undefined) binding.hostIp = port.hostIp;
      if (port.published !== undefined) binding.hostPort = port.published;
      return binding;
    })
    .sort(
      (a, b) =>
        a.target - b.target ||
        compareText(a.protocol, b.protocol) ||
        compareText(a.hostIp ?? "", b.hostIp ?? "") ||
        (a.hostPort ?? 0) - (b.hostPort ?? 0),
    );
}

/** Volume keys become engine names; sorted by target so reordering `volumes:` changes nothing. */
function mounts(desired: DesiredStack, service: DesiredService): EngineMount[] {
  return service.mounts
    .map((mount): EngineMount => {
      switch (mount.type) {
        case "volume": {
          const volume: EngineMount = {
            type: "volume",
            target: mount.target,
            readOnly: mount.readOnly,
            noCopy: mount.noCopy,
          };
          if (mount.source !== undefined) volume.source = desired.volumes[mount.source]?.name ?? mount.source;
          if (mount.labels !== undefined) volume.labels = { ...mount.labels };
          return volume;
        }
        case "bind":
          return { ...mount };
        case "tmpfs":
          return { ...mount };
        default:
          return assertNever(mount);
      }
    })
    .sort((a, b) => compareText(a.target, b.target));
}
