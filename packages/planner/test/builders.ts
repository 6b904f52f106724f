import { createHash } from "node:crypto";
import type {
  ContainerSpec,
  DesiredNetwork,
  DesiredService,
  DesiredStack,
  DesiredVolume,
  ImageDefaults,
  LiveConfig,
  ObservedContainer,
  ObservedEnvValue,
  ObservedState,
} from "@stackform/schema";
import { isSensitiveKey, Labels } from "@stackform/schema";
import { sha256Hex } from "../src/hash/sha256.js";
import type { CreateContainer, CreateNetwork, CreateVolume } from "../src/model/operation.js";
import type { Plan } from "../src/model/plan.js";
import { plan } from "../src/plan.js";
import { renderPlan } from "../src/render/render-plan.js";

/** Test fixtures: terse desired stacks, and the observed state a perfect apply leaves behind. */

export type ServiceInput = Partial<Omit<DesiredService, "name">>;

export function service(name: string, input: ServiceInput = {}): DesiredService {
  const networks = input.networks ?? (input.networkMode ? {} : { default: { aliases: [] } });
  return {
    name,
    image: "nginx:1.27",
    pullPolicy: "missing",
    environment: {},
    ports: [],
    expose: [],
    mounts: [],
    dependsOn: {},
    restart: { name: "no", maximumRetryCount: 0 },
    resources: {},
    replicas: 1,
    labels: {},
    extraHosts: [],
    dns: [],
    capAdd: [],
    capDrop: [],
    privileged: false,
    readOnly: false,
    tty: false,
    stdinOpen: false,
    profiles: [],
    ...input,
    // As the normaliser decides: declared, or named like a secret.
    sensitiveKeys: [
      ...new Set([
        ...(input.sensitiveKeys ?? []),
        ...Object.keys({ ...input.environment, ...input.build?.args }).filter(isSensitiveKey),
      ]),
    ].sort(),
    networks,
  };
}

export const network = (stack: string, key: string, input: Partial<DesiredNetwork> = {}): DesiredNetwork => ({
  key,
  name: `${stack}_${key}`,
  external: false,
  driver: "bridge",
  driverOpts: {},
  internal: false,
  attachable: false,
  enableIpv6: false,
  labels: {},
  ...input,
});

export const volume = (stack: string, key: string, input: Partial<DesiredVolume> = {}): DesiredVolume => ({
  key,
  name: `${stack}_${key}`,
  external: false,
  driver: "local",
  driverOpts: {},
  labels: {},
  ...input,
});

export interface StackInput {
  name?: string;
  services: Record<string, ServiceInput>;
  networks?: Record<string, Partial<DesiredNetwork>>;
  volumes?: Record<string, Partial<DesiredVolume>>;
}

/** A stack named `app` (unless said), with the implicit default network when a service uses it. */
export function desiredStack(input: StackInput): DesiredStack {
  const name = input.name ?? "app";
  const services = Object.fromEntries(
    Object.entries(input.services).map(([key, s]) => [key, service(key, s)]),
  );
  const networks: Record<string, DesiredNetwork> = {};
  for (const [key, n] of Object.entries(input.networks ?? {})) networks[key] = network(name, key, n);
  if (!networks.default && Object.values(services).some((s) => "default" in s.networks)) {
    networks.default = network(name, "default");
  }
  const volumes: Record<string, DesiredVolume> = {};
  for (const [key, v] of Object.entries(input.volumes ?? {})) volumes[key] = volume(name, key, v);
  return {
    name,
    workingDir: "/work/app",
    files: ["/work/app/stack.yaml"],
    services,
    networks,
    volumes,
    secrets: {},
    configs: {},
  };
}

/** A stable fake image id per reference. */
export const imageId = (ref: string): string => `sha256:${createHash("sha256").update(ref).digest("hex")}`;

/** The engine after a perfect apply of `desired`: every container running with its hash label. */
export function observedFromDesired(desired: DesiredStack): ObservedState {
  const empty: ObservedState = { stack: desired.name, containers: [], networks: [], volumes: [], images: [] };
  const created = plan(desired, empty);
  const containers: ObservedContainer[] = [];
  const networks: ObservedState["networks"] = [];
  const volumes: ObservedState["volumes"] = [];
  for (const op of created.operations) {
    if (op.kind === "createContainer") containers.push(observedContainer(op));
    if (op.kind === "createNetwork") networks.push(observedNetwork(op));
    if (op.kind === "createVolume") volumes.push(observedVolume(desired.name, op));
  }
  for (const n of Object.values(desired.networks).filter((n) => n.external)) {
    networks.push({
      id: `net-${n.name}`,
      name: n.name,
      driver: "bridge",
      internal: false,
      attachable: false,
      enableIpv6: false,
      labels: {},
    });
  }
  for (const v of Object.values(desired.volumes).filter((v) => v.external)) {
    volumes.push({ name: v.name, driver: "local", labels: {} });
  }
  const images = [...new Set(Object.values(desired.services).map((s) => s.image))].map((ref) => ({
    ref,
    id: imageId(ref),
    platform:
      Object.values(desired.services).find((s) => s.image === ref && s.platform)?.platform ?? PLATFORM,
  }));
  return { stack: desired.name, containers, networks, volumes, images };
}

function observedContainer(op: CreateContainer): ObservedContainer {
  const { spec } = op;
  return {
    id: `id-${spec.name}`,
    name: spec.name,
    service: spec.labels[Labels.service]!,
    number: Number(spec.labels[Labels.number]),
    state: "running",
    configHash: spec.labels[Labels.configHash],
    image: spec.image,
    imageId: imageId(spec.image),
    networks: Object.fromEntries(
      spec.networks.map((n) => [
        n.network,
        {
          networkId: `net-${n.network}`,
          // The engine adds a configured hostname as an alias (the short id too; observe drops that).
          aliases: [...n.aliases, ...(spec.hostname ? [spec.hostname] : [])],
          ...(n.ipv4Address ? { ipv4Address: n.ipv4Address } : {}),
          ...(n.ipv6Address ? { ipv6Address: n.ipv6Address } : {}),
          ...(n.linkLocalIps ? { linkLocalIps: [...n.linkLocalIps] } : {}),
          ...(n.driverOpts ? { driverOpts: { ...n.driverOpts } } : {}),
        },
      ]),
    ),
    mounts: spec.mounts.map((m) => ({
      type: m.type,
      source: m.type === "tmpfs" ? "" : (m.source ?? `anon-${spec.name}${m.target.replaceAll("/", "-")}`),
      target: m.target,
    })),
    publishedPorts: [],
    restart: { ...spec.restart },
    resources: { ...spec.resources },
    labels: { ...IMAGE.labels, ...spec.labels },
    config: liveConfigOf(spec, `id-${spec.name}`, new Set(op.sensitiveEnv)),
  };
}

/** What the fixture images are built for, unless a service asks for another platform. */
const PLATFORM = "linux/amd64";

/** What every fixture image gives its containers, so that the comparison must tell them apart. */
export const IMAGE: ImageDefaults = {
  env: { PATH: { value: "/usr/sbin:/usr/bin" }, GPG_KEY: { value: "" } },
  command: ["nginx", "-g", "daemon off;"],
  user: "",
  workingDir: "",
  labels: { maintainer: "NGINX Docker Maintainers" },
  volumes: ["/var/cache/nginx"],
  exposedPorts: ["80/tcp"],
  stopSignal: "SIGQUIT",
};

/** The configuration the engine reports for a container created from `spec` (see live-config.ts). */
export function liveConfigOf(spec: ContainerSpec, id: string, secret: ReadonlySet<string>): LiveConfig {
  const observe = (key: string, value: string): ObservedEnvValue =>
    secret.has(key) || isSensitiveKey(key) ? { digest: sha256Hex(`${id}\0${value}`) } : { value };
  const env: Record<string, ObservedEnvValue> = {};
  for (const [key, value] of Object.entries({ PATH: "/usr/sbin:/usr/bin", GPG_KEY: "", ...spec.env }))
    env[key] = observe(key, value);
  const image: ImageDefaults = {
    ...IMAGE,
    platform: spec.platform ?? PLATFORM,
    env: { PATH: observe("PATH", "/usr/sbin:/usr/bin"), GPG_KEY: observe("GPG_KEY", "") },
  };
  const live: LiveConfig = {
    env,
    user: spec.user ?? "",
    workingDir: spec.workingDir ?? "",
    hostname: spec.hostname ?? id.slice(0, 12),
    tty: spec.tty,
    stdinOpen: spec.stdinOpen,
    exposedPorts: [...new Set([...spec.exposedPorts, ...IMAGE.exposedPorts])].sort(),
    portBindings: spec.portBindings.map((p) => ({ ...p })),
    mounts: spec.mounts.map((m) => {
      if (m.type !== "bind") return { ...m };
      const { createHostPath: _, ...live } = m;
      return live;
    }),
    networkMode: spec.networkMode,
    privileged: spec.privileged,
    readOnly: spec.readOnly,
    capAdd: spec.capAdd.map((c) => c.toUpperCase().replace(/^CAP_/, "")).sort(),
    capDrop: spec.capDrop.map((c) => c.toUpperCase().replace(/^CAP_/, "")).sort(),
    dns: [...spec.dns],
    extraHosts: [...spec.extraHosts],
    stopSignal: spec.stopSignal ?? IMAGE.stopSignal,
    image,
  };
  const command = spec.command ?? (spec.entrypoint ? undefined : IMAGE.command);
  if (command) live.command = [...command];
  if (spec.entrypoint) live.entrypoint = [...spec.entrypoint];
  if (spec.stopTimeoutSeconds !== undefined) live.stopTimeoutSeconds = spec.stopTimeoutSeconds;
  if (spec.healthcheck) live.healthcheck = { ...spec.healthcheck };
  if (spec.init !== undefined) live.init = spec.init;
  // Copied-in files as observe reads them back: a secret's content only as a salted digest.
  if (spec.files)
    live.files = spec.files.map(({ kind, key, target, content, uid, gid, mode }) => ({
      kind,
      key,
      target,
      content: kind === "secret" ? { digest: sha256Hex(`${id}\0${content}`) } : { value: content },
      uid,
      gid,
      mode,
    }));
  return Object.assign(live, engineHostOptions(spec));
}

/**
 * Host options as dockerd 20.10 reports them: what was asked for, plus what it fills in by itself
 * (a 64MiB /dev/shm, its IPC and cgroup namespace defaults, its log driver and runtime, an
 * OOM-killer flag, `label=disable` for host namespaces), which the comparison must not report.
 */
function engineHostOptions(spec: ContainerSpec): Partial<LiveConfig> {
  const hostNamespace = spec.privileged || spec.pidMode === "host" || spec.ipcMode === "host";
  const securityOpt = [...(spec.securityOpt ?? []), ...(hostNamespace ? ["label=disable"] : [])];
  const live: Partial<LiveConfig> = {
    logging: { driver: spec.logging?.driver ?? "json-file", options: { ...spec.logging?.options } },
    shmSize: spec.shmSize ?? 64 * 1024 ** 2,
    ipcMode: spec.ipcMode ?? "shareable",
    cgroupnsMode: spec.cgroupnsMode ?? "host",
    oomKillDisable: spec.oomKillDisable ?? false,
    runtime: spec.runtime ?? "runc",
    // A daemon-wide `default-ulimits` entry the stack never named.
    ulimits: [...(spec.ulimits ?? []), { name: "core", soft: 0, hard: 0 }],
  };
  if (securityOpt.length > 0) live.securityOpt = securityOpt;
  if (spec.dnsOptions?.length) live.dnsOptions = [...spec.dnsOptions];
  if (spec.dnsSearch?.length) live.dnsSearch = [...spec.dnsSearch];
  if (spec.sysctls && Object.keys(spec.sysctls).length > 0) live.sysctls = { ...spec.sysctls };
  if (spec.devices?.length) live.devices = spec.devices.map((d) => ({ ...d }));
  if (spec.groupAdd?.length) live.groupAdd = [...spec.groupAdd];
  for (const key of [
    "pidMode",
    "cgroupParent",
    "oomScoreAdj",
    "domainname",
    "macAddress",
    "usernsMode",
    "utsMode",
    "cpuPeriod",
    "cpuQuota",
    "cpuRtPeriod",
    "cpuRtRuntime",
    "cpuset",
  ] as const) {
    if (spec[key]) Object.assign(live, { [key]: spec[key] });
  }
  // 0 is a swappiness of its own; only unset reads back as nothing.
  if (spec.memSwappiness !== undefined) live.memSwappiness = spec.memSwappiness;
  if (spec.blkio && Object.keys(spec.blkio).length > 0) live.blkio = structuredClone(spec.blkio);
  if (spec.deviceCgroupRules?.length) live.deviceCgroupRules = [...spec.deviceCgroupRules];
  if (spec.storageOpt && Object.keys(spec.storageOpt).length > 0) live.storageOpt = { ...spec.storageOpt };
  if (spec.volumesFrom?.length) live.volumesFrom = [...spec.volumesFrom];
  if (spec.links?.length) live.links = [...spec.links];
  return live;
}

function observedNetwork(op: CreateNetwork): ObservedState["networks"][number] {
  const n = op.network;
  return {
    id: `net-${n.name}`,
    name: n.name,
    stack: n.labels[Labels.stack],
    configHash: n.labels[Labels.configHash],
    driver: n.driver,
    internal: n.internal,
    attachable: n.attachable,
    enableIpv6: n.enableIpv6 ?? false,
    labels: { ...n.labels },
  };
}

function observedVolume(stack: string, op: CreateVolume): ObservedState["volumes"][number] {
  return { name: op.volume.name, stack, driver: op.volume.driver, labels: { ...op.volume.labels } };
}

/** A copy of `observed` with one container changed (found by name). */
export function changeContainer(
  observed: ObservedState,
  name: string,
  patch: (c: ObservedContainer) => ObservedContainer,
): ObservedState {
  if (!observed.containers.some((c) => c.name === name))
    throw new Error(`no container ${name} in the fixture`);
  return {
    ...observed,
    containers: observed.containers.map((c) => (c.name === name ? patch(structuredClone(c)) : c)),
  };
}

export const withoutContainer = (observed: ObservedState, name: string): ObservedState => ({
  ...observed,
  containers: observed.containers.filter((c) => c.name !== name),
});

/** The human plan without colour: what the reconcile tests compare. */
export const human = (p: Plan): string => renderPlan(p, { format: "human", color: false });

/** A deterministic shuffle (mulberry32), so a failing order can be replayed from its seed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Ids of the operations in plan order, `kind:target` style, for order assertions. */
export const ids = (p: Plan): string[] => p.operations.map((op) => op.id);

/** `after` of one operation. */
export function afterOf(p: Plan, id: string): string[] {
  const op = p.operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id} in the plan; it has ${ids(p).join(", ")}`);
  return op.after;
}

/** True when `later` (transitively) waits for `earlier`. */
export function runsAfter(p: Plan, later: string, earlier: string): boolean {
  const byId = new Map(p.operations.map((o) => [o.id, o]));
  const queue = [...(byId.get(later)?.after ?? [])];
  const seen = new Set<string>();
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (next === earlier) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(byId.get(next)?.after ?? []));
  }
  return false;
}
