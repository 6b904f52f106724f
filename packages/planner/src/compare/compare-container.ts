import {
  type BlkioConfig,
  type ContainerSpec,
  type EngineMount,
  type EnginePortBinding,
  type Healthcheck,
  type LiveConfig,
  type LiveMount,
  type ObservedEnvValue,
  type ObservedFile,
  platformMatches,
  SENSITIVE_MASK,
} from "@stackform/schema/contract";
import { sha256Hex } from "../hash/sha256.js";
import type { FieldChange } from "../model/plan.js";
import { bytesText } from "../reconcile/format-values.js";
import { compareText } from "../util/compare.js";
import { durationText } from "./show-values.js";

/** What a comparison needs besides the two configurations. */
export interface CompareContext {
  /** The live container's id (salts secret digests); `""` when describing a container to create. */
  containerId: string;
  /** The reference the live container was created from. */
  image: string;
  /** Environment keys whose values are secret. */
  sensitiveEnv: ReadonlySet<string>;
  /** Engine names of the stack's named volumes: any other volume mount is anonymous. */
  namedVolumes: ReadonlySet<string>;
  /** The live container's labels (the engine merged the image's into them). */
  labels: Record<string, string>;
  /** Container id → name, to read `container:<id>` network modes. */
  containerNames: ReadonlyMap<string, string>;
}

/** Fields compared here: everything fixed at create. Restart, limits and networks change in place. */
type ComparedKey = Exclude<keyof ContainerSpec, "name" | "networks" | "restart" | "resources">;

type Comparer = (want: ContainerSpec, live: LiveConfig, ctx: CompareContext) => FieldChange[];

const change = (path: string, before: unknown, after: unknown, sensitive = false): FieldChange => ({
  path,
  before,
  after,
  sensitive,
  forcesReplace: true,
});

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A whole value: one line, old → new. `undefined` and "empty" are the same thing to the engine. */
const scalar =
  <T>(
    path: string,
    want: (s: ContainerSpec, l: LiveConfig) => T,
    live: (l: LiveConfig) => T,
    show = (v: T): unknown => v,
  ) =>
  (s: ContainerSpec, l: LiveConfig): FieldChange[] => {
    const a = want(s, l);
    const b = live(l);
    return same(empty(b), empty(a)) ? [] : [change(path, shown(b, show), shown(a, show))];
  };

/** A field spelled the same in the spec and in the live configuration (unset and false are alike). */
const sameNamed = <K extends keyof ContainerSpec & keyof LiveConfig>(path: string, key: K) =>
  scalar<unknown>(
    path,
    (s) => s[key],
    (l) => l[key],
  );

const empty = (value: unknown): unknown =>
  value === undefined ||
  value === null ||
  value === "" ||
  value === false ||
  value === 0 ||
  (Array.isArray(value) && value.length === 0)
    ? undefined
    : value;

const shown = <T>(value: T, show: (v: T) => unknown): unknown =>
  empty(value) === undefined ? undefined : show(value);

/** Elements added and removed, each a line of its own; order does not matter. */
function listDiff(path: string, want: readonly string[], live: readonly string[]): FieldChange[] {
  const remaining = [...live];
  const added: string[] = [];
  for (const item of want) {
    const at = remaining.indexOf(item);
    if (at >= 0) remaining.splice(at, 1);
    else added.push(item);
  }
  return [
    ...remaining.sort(compareText).map((item) => change(path, item, undefined)),
    ...added.sort(compareText).map((item) => change(path, undefined, item)),
  ];
}

const DEFAULT_SHM_SIZE = 64 * 1024 ** 2;

/**
 * An option the file may leave out: then the live value is compared with the engine's default
 * (`isDefault`; always true where the default is the daemon's configuration, which a plan cannot
 * see), so values the engine fills in by itself never show as differences.
 */
const withDefault =
  <T>(
    path: string,
    want: (s: ContainerSpec) => T | undefined,
    live: (l: LiveConfig) => T | undefined,
    isDefault: (value: T) => boolean,
    show: (value: T) => unknown = (v) => v,
  ): Comparer =>
  (s, l) => {
    const a = want(s);
    const b = live(l);
    if (a === undefined) return b === undefined || isDefault(b) ? [] : [change(path, show(b), undefined)];
    if (same(a, b) || (b === undefined && isDefault(a))) return [];
    return [change(path, b === undefined ? undefined : show(b), show(a))];
  };

/** Keys added, removed and changed, each a line of its own (`sysctls.net.core.somaxconn`). */
function recordDiff(
  path: string,
  want: Record<string, string>,
  live: Record<string, string>,
  keys = new Set([...Object.keys(want), ...Object.keys(live)]),
): FieldChange[] {
  return [...keys]
    .sort(compareText)
    .filter((key) => want[key] !== live[key])
    .map((key) => change(`${path}.${key}`, live[key], want[key]));
}

/**
 * Logging options are compared whenever the file sets `logging`, and must be empty otherwise;
 * the driver only when the file names one, since the default is the daemon's `log-driver`.
 */
function compareLogging(s: ContainerSpec, l: LiveConfig): FieldChange[] {
  const fields: FieldChange[] = [];
  const driver = s.logging?.driver;
  if (driver !== undefined && driver !== l.logging?.driver)
    fields.push(change("logging.driver", l.logging?.driver, driver));
  return [...fields, ...recordDiff("logging.options", s.logging?.options ?? {}, l.logging?.options ?? {})];
}

/**
 * Only the limits the file names: the daemon may add its own `default-ulimits` to every
 * container, and those are not the stack's to remove.
 */
function compareUlimits(s: ContainerSpec, l: LiveConfig): FieldChange[] {
  const text = (u: { soft: number; hard: number }) => (u.soft === u.hard ? u.soft : `${u.soft}:${u.hard}`);
  const want = Object.fromEntries((s.ulimits ?? []).map((u) => [u.name, String(text(u))]));
  const live = Object.fromEntries((l.ulimits ?? []).map((u) => [u.name, String(text(u))]));
  return recordDiff("ulimits", want, live, new Set(Object.keys(want)));
}

/** The engine adds `label=disable` by itself to containers that share the host's PID or IPC namespace. */
function engineSecurityOpt(s: ContainerSpec, l: LiveConfig): string[] {
  const live = l.securityOpt ?? [];
  const added = s.privileged || s.pidMode === "host" || s.ipcMode === "host";
  return added && !(s.securityOpt ?? []).includes("label=disable")
    ? live.filter((o) => o !== "label=disable")
    : live;
}

/** Each part of `blkio_config` on its own; device entries as `"/dev/sda 1048576"`. */
function compareBlkio(s: ContainerSpec, l: LiveConfig): FieldChange[] {
  const want = s.blkio ?? {};
  const live = l.blkio ?? {};
  const fields =
    (want.weight ?? 0) === (live.weight ?? 0)
      ? []
      : [change("blkio_config.weight", live.weight, want.weight)];
  const weights = (b: BlkioConfig) => (b.weightDevice ?? []).map((d) => `${d.path} ${d.weight}`);
  fields.push(...listDiff("blkio_config.weight_device", weights(want), weights(live)));
  for (const [key, path] of [
    ["deviceReadBps", "device_read_bps"],
    ["deviceWriteBps", "device_write_bps"],
    ["deviceReadIops", "device_read_iops"],
    ["deviceWriteIops", "device_write_iops"],
  ] as const) {
    const rates = (b: BlkioConfig) => (b[key] ?? []).map((r) => `${r.path} ${r.rate}`);
    fields.push(...listDiff(`blkio_config.${path}`, rates(want), rates(live)));
  }
  return fields;
}

const sharedUts = (s: ContainerSpec): boolean =>
  s.networkMode === "host" || s.networkMode.startsWith("container:") || s.utsMode === "host";

const deviceText = (d: { source: string; target: string; permissions: string }): string =>
  `${d.source}:${d.target}:${d.permissions}`;

/**
 * Every field fixed at create, compared with the live container. The `satisfies` makes a field
 * added to ContainerSpec without a comparison here a type error: it would otherwise be invisible
 * in plans and never repaired.
 */
const COMPARERS = {
  image: (s, _l, ctx) => (s.image === ctx.image ? [] : [change("image", ctx.image || undefined, s.image)]),
  // Inspect names the container's OS only; its image says what it was built for. Unset, the
  // platform is whatever the image is, so only a platform the file names is compared.
  platform: (s, l) =>
    s.platform === undefined || platformMatches(s.platform, l.image.platform)
      ? []
      : [change("platform", l.image.platform, s.platform)],
  // The engine takes the image's command unless the request sets one, or sets an entrypoint.
  command: scalar(
    "command",
    (s, l) => s.command ?? (s.entrypoint ? undefined : l.image.command),
    (l) => l.command,
  ),
  entrypoint: scalar(
    "entrypoint",
    (s, l) => s.entrypoint ?? l.image.entrypoint,
    (l) => l.entrypoint,
  ),
  env: compareEnv,
  labels: compareLabels,
  user: scalar(
    "user",
    (s, l) => s.user ?? l.image.user,
    (l) => l.user,
  ),
  workingDir: scalar(
    "working_dir",
    (s, l) => s.workingDir ?? l.image.workingDir,
    (l) => l.workingDir,
  ),
  hostname: (s, l, ctx) => {
    if (s.hostname !== undefined)
      return s.hostname === l.hostname ? [] : [change("hostname", l.hostname, s.hostname)];
    // Unset, the engine names the container by its short id (or shares another's namespace).
    if (ctx.containerId === "" || s.networkMode === "host" || s.networkMode.startsWith("container:"))
      return [];
    return l.hostname === ctx.containerId.slice(0, 12) ? [] : [change("hostname", l.hostname, undefined)];
  },
  tty: sameNamed("tty", "tty"),
  stdinOpen: sameNamed("stdin_open", "stdinOpen"),
  stopSignal: scalar(
    "stop_signal",
    (s, l) => s.stopSignal ?? l.image.stopSignal,
    (l) => l.stopSignal,
  ),
  stopTimeoutSeconds: scalar(
    "stop_grace_period",
    (s) => s.stopTimeoutSeconds,
    (l) => l.stopTimeoutSeconds,
    (v) => (v === undefined ? undefined : durationText(v * 1e9)),
  ),
  healthcheck: compareHealthcheck,
  exposedPorts: (s, l) => {
    // A published port's target is exposed too; its change shows under `ports`.
    const published = new Set([...s.portBindings, ...l.portBindings].map((p) => `${p.target}/${p.protocol}`));
    const want = [...new Set([...s.exposedPorts, ...l.image.exposedPorts])].filter((p) => !published.has(p));
    return listDiff(
      "expose",
      want,
      l.exposedPorts.filter((p) => !published.has(p)),
    );
  },
  portBindings: (s, l) => listDiff("ports", s.portBindings.map(portText), l.portBindings.map(portText)),
  mounts: compareMounts,
  files: compareFiles,
  networkMode: (s, l, ctx) => {
    const live = l.networkMode.startsWith("container:")
      ? `container:${ctx.containerNames.get(l.networkMode.slice("container:".length)) ?? l.networkMode.slice("container:".length)}`
      : l.networkMode;
    const attached = s.networks.map((n) => n.network);
    // On networks, the mode names whichever of them the container was created on.
    if (attached.length > 0 && attached.includes(live)) return [];
    // ...and keeps naming it after the container left that network in place (the engine never
    // rewrites HostConfig.NetworkMode; the container still starts, on the networks it is on).
    // Which networks it is on is compared under `networks`. Found by test/e2e/model-histories.
    if (attached.length > 0 && isUserNetworkMode(live)) return [];
    if (live === s.networkMode) return [];
    return [change("network_mode", networkModeText(live), networkModeText(s.networkMode))];
  },
  init: sameNamed("init", "init"),
  privileged: sameNamed("privileged", "privileged"),
  readOnly: sameNamed("read_only", "readOnly"),
  capAdd: (s, l) => listDiff("cap_add", s.capAdd.map(capName), l.capAdd),
  capDrop: (s, l) => listDiff("cap_drop", s.capDrop.map(capName), l.capDrop),
  dns: (s, l) => listDiff("dns", s.dns, l.dns),
  extraHosts: (s, l) => listDiff("extra_hosts", s.extraHosts, l.extraHosts),
  dnsOptions: (s, l) => listDiff("dns_opt", s.dnsOptions ?? [], l.dnsOptions ?? []),
  dnsSearch: (s, l) => listDiff("dns_search", s.dnsSearch ?? [], l.dnsSearch ?? []),
  logging: compareLogging,
  ulimits: compareUlimits,
  sysctls: (s, l) => recordDiff("sysctls", s.sysctls ?? {}, l.sysctls ?? {}),
  // The engine gives every container a 64MiB /dev/shm unless asked otherwise.
  shmSize: withDefault(
    "shm_size",
    (s) => s.shmSize,
    (l) => l.shmSize,
    (v) => v === DEFAULT_SHM_SIZE,
    bytesText,
  ),
  securityOpt: (s, l) => listDiff("security_opt", s.securityOpt ?? [], engineSecurityOpt(s, l)),
  devices: (s, l) =>
    listDiff("devices", (s.devices ?? []).map(deviceText), (l.devices ?? []).map(deviceText)),
  pidMode: (s, l, ctx) =>
    withDefault(
      "pid",
      (w) => w.pidMode,
      (r) => namedMode(r.pidMode, ctx),
      () => false,
    )(s, l, ctx),
  // The daemon's default IPC mode is `private` or `shareable` (its `default-ipc-mode`).
  ipcMode: (s, l, ctx) =>
    withDefault(
      "ipc",
      (w) => w.ipcMode,
      (r) => namedMode(r.ipcMode, ctx),
      (v) => v === "private" || v === "shareable",
    )(s, l, ctx),
  links: (s, l) => listDiff("links", s.links ?? [], l.links ?? []),
  // `name:rw` is the default access written out.
  volumesFrom: (s, l) =>
    listDiff(
      "volumes_from",
      s.volumesFrom ?? [],
      (l.volumesFrom ?? []).map((v) => v.replace(/:rw$/, "")),
    ),
  cgroupParent: withDefault(
    "cgroup_parent",
    (s) => s.cgroupParent,
    (l) => l.cgroupParent,
    () => false,
  ),
  // The default depends on the host (cgroup v1: host, v2: private) and the daemon's setting.
  cgroupnsMode: withDefault(
    "cgroup",
    (s) => s.cgroupnsMode,
    (l) => l.cgroupnsMode,
    () => true,
  ),
  oomKillDisable: withDefault(
    "oom_kill_disable",
    (s) => s.oomKillDisable,
    (l) => l.oomKillDisable,
    (v) => v === false,
  ),
  oomScoreAdj: withDefault(
    "oom_score_adj",
    (s) => s.oomScoreAdj,
    (l) => l.oomScoreAdj,
    (v) => v === 0,
  ),
  groupAdd: (s, l) => listDiff("group_add", s.groupAdd ?? [], l.groupAdd ?? []),
  domainname: (s, l, ctx) =>
    // Sharing another container's namespace (or the host's), the engine copies its domain name.
    s.domainname === undefined && sharedUts(s)
      ? []
      : withDefault(
          "domainname",
          (w) => w.domainname,
          (v) => v.domainname,
          () => false,
        )(s, l, ctx),
  macAddress: withDefault(
    "mac_address",
    (s) => s.macAddress,
    (l) => l.macAddress,
    () => false,
  ),
  usernsMode: withDefault(
    "userns_mode",
    (s) => s.usernsMode,
    (l) => l.usernsMode,
    () => false,
  ),
  utsMode: withDefault(
    "uts",
    (s) => s.utsMode,
    (l) => l.utsMode,
    () => false,
  ),
  // The daemon's default runtime (`runc` unless configured) fills an unset one.
  runtime: withDefault(
    "runtime",
    (s) => s.runtime,
    (l) => l.runtime,
    () => true,
  ),
  cpuPeriod: withDefault(
    "cpu_period",
    (s) => s.cpuPeriod,
    (l) => l.cpuPeriod,
    () => false,
  ),
  cpuQuota: withDefault(
    "cpu_quota",
    (s) => s.cpuQuota,
    (l) => l.cpuQuota,
    () => false,
  ),
  cpuRtPeriod: withDefault(
    "cpu_rt_period",
    (s) => s.cpuRtPeriod,
    (l) => l.cpuRtPeriod,
    () => false,
  ),
  cpuRtRuntime: withDefault(
    "cpu_rt_runtime",
    (s) => s.cpuRtRuntime,
    (l) => l.cpuRtRuntime,
    () => false,
  ),
  cpuset: withDefault(
    "cpuset",
    (s) => s.cpuset,
    (l) => l.cpuset,
    () => false,
  ),
  memSwappiness: withDefault(
    "mem_swappiness",
    (s) => s.memSwappiness,
    (l) => l.memSwappiness,
    () => false,
  ),
  blkio: compareBlkio,
  deviceCgroupRules: (s, l) =>
    listDiff("device_cgroup_rules", s.deviceCgroupRules ?? [], l.deviceCgroupRules ?? []),
  storageOpt: (s, l) => recordDiff("storage_opt", s.storageOpt ?? {}, l.storageOpt ?? {}),
} satisfies Record<ComparedKey, Comparer>;

/** The stack-file paths the comparison can report, for the per-field test table. */
export const COMPARED_FIELDS = Object.keys(COMPARERS) as ComparedKey[];

/** Every difference between what the stack file asks for and the live container; each forces a new one. */
export function compareContainer(want: ContainerSpec, live: LiveConfig, ctx: CompareContext): FieldChange[] {
  return Object.values(COMPARERS).flatMap((compare: Comparer) => compare(want, live, ctx));
}

const capName = (cap: string): string => cap.toUpperCase().replace(/^CAP_/, "");

/** A network's name rather than one of the fixed modes (host, none, bridge, default, container:). */
const isUserNetworkMode = (mode: string): boolean =>
  !["host", "none", "bridge", "default", ""].includes(mode) && !mode.startsWith("container:");

/** `container:<id>` as `container:<name>`, as the spec names it. */
const namedMode = (mode: string | undefined, ctx: CompareContext): string | undefined => {
  if (!mode?.startsWith("container:")) return mode;
  const target = mode.slice("container:".length);
  return `container:${ctx.containerNames.get(target) ?? target}`;
};

const networkModeText = (mode: string): string =>
  mode.startsWith("container:") ? `container ${mode.slice(10)}` : mode;

/** `127.0.0.1:8080:80/tcp`, `8080:80/udp`, `80/tcp` (host port chosen by the engine). */
export function portText(p: EnginePortBinding): string {
  const ip = p.hostIp ? (p.hostIp.includes(":") ? `[${p.hostIp}]` : p.hostIp) : "";
  const host = ip ? `${ip}:${p.hostPort ?? ""}:` : p.hostPort === undefined ? "" : `${p.hostPort}:`;
  return `${host}${p.target}/${p.protocol}`;
}

function envValueMatches(live: ObservedEnvValue, value: string, containerId: string): boolean {
  return "digest" in live ? live.digest === sha256Hex(`${containerId}\0${value}`) : live.value === value;
}

const sameEnvValue = (a: ObservedEnvValue | undefined, b: ObservedEnvValue | undefined): boolean =>
  a !== undefined && b !== undefined && same(a, b);

function compareEnv(s: ContainerSpec, l: LiveConfig, ctx: CompareContext): FieldChange[] {
  const fields: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(s.env), ...Object.keys(l.env)])].sort(compareText);
  for (const key of keys) {
    const want = s.env[key];
    const live = l.env[key];
    const secret = ctx.sensitiveEnv.has(key) || (live !== undefined && "digest" in live);
    const before = live === undefined ? undefined : "digest" in live ? SENSITIVE_MASK : live.value;
    if (want === undefined) {
      // The image's own variables are the image's business, not drift.
      if (live && sameEnvValue(live, l.image.env[key])) continue;
      fields.push(change(`environment.${key}`, before, undefined, secret));
    } else if (live === undefined) {
      fields.push(change(`environment.${key}`, undefined, want, secret));
    } else if (!envValueMatches(live, want, ctx.containerId)) {
      fields.push(change(`environment.${key}`, before, want, secret));
    }
  }
  return fields;
}

/** Stackform's and Compose's bookkeeping labels are not configuration. */
const isOwnLabel = (key: string): boolean =>
  key.startsWith("dev.stackform.") || key.startsWith("com.docker.compose.");

function compareLabels(s: ContainerSpec, l: LiveConfig, ctx: CompareContext): FieldChange[] {
  const liveLabels = ctx.labels;
  const fields: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(s.labels), ...Object.keys(liveLabels)])].filter(
    (k) => !isOwnLabel(k),
  );
  for (const key of keys.sort(compareText)) {
    const want = s.labels[key];
    const live = liveLabels[key];
    if (want === live) continue;
    if (want === undefined && live === l.image.labels[key]) continue;
    fields.push(change(`labels.${key}`, live, want));
  }
  return fields;
}

function compareHealthcheck(s: ContainerSpec, l: LiveConfig): FieldChange[] {
  const want = effectiveHealthcheck(s.healthcheck, l.image.healthcheck);
  const live = l.healthcheck;
  if (!want && !live) return [];
  const fields: FieldChange[] = [];
  const test = (h: Healthcheck | undefined) => h?.test;
  if (!same(test(live), test(want)))
    fields.push(change("healthcheck.test", healthTestText(live), healthTestText(want)));
  for (const [key, path] of [
    ["interval", "healthcheck.interval"],
    ["timeout", "healthcheck.timeout"],
    ["startPeriod", "healthcheck.start_period"],
  ] as const) {
    const a = want?.[key] || undefined;
    const b = live?.[key] || undefined;
    if (a !== b) fields.push(change(path, b && durationText(b), a && durationText(a)));
  }
  if ((want?.retries || undefined) !== (live?.retries || undefined))
    fields.push(change("healthcheck.retries", live?.retries || undefined, want?.retries || undefined));
  return fields;
}

/** The engine fills each part the request leaves out from the image's healthcheck. */
function effectiveHealthcheck(
  want: Healthcheck | undefined,
  image: Healthcheck | undefined,
): Healthcheck | undefined {
  if (!want) return image;
  if (!image) return want;
  const merged: Healthcheck = { test: want.test.length > 0 ? want.test : image.test };
  for (const key of ["interval", "timeout", "startPeriod", "retries"] as const) {
    const value = want[key] || image[key];
    if (value) merged[key] = value;
  }
  return merged;
}

/** `CMD-SHELL curl -f …` as the file wrote it; `NONE` for a disabled check. */
function healthTestText(h: Healthcheck | undefined): unknown {
  if (!h) return undefined;
  const [kind, ...rest] = h.test;
  if (kind === "CMD-SHELL") return rest.join(" ");
  if (kind === "CMD") return rest;
  return h.test;
}

function compareMounts(s: ContainerSpec, l: LiveConfig, ctx: CompareContext): FieldChange[] {
  const want = new Map(s.mounts.map((m) => [m.target, mountText(m, ctx)]));
  const live = new Map(l.mounts.map((m) => [m.target, mountText(m, ctx)]));
  const fields: FieldChange[] = [];
  for (const target of [...new Set([...want.keys(), ...live.keys()])].sort(compareText)) {
    const a = want.get(target);
    const b = live.get(target);
    if (a !== b) fields.push(change(`volumes[${target}]`, b, a));
  }
  return fields;
}

/** `volume app_data:ro`, `anonymous volume`, `bind /srv/www`, `tmpfs size=64MiB`. */
function mountText(mount: EngineMount | LiveMount, ctx: CompareContext): string {
  switch (mount.type) {
    case "volume": {
      const named = mount.source !== undefined && ctx.namedVolumes.has(mount.source);
      const labels = Object.entries(mount.labels ?? {}).map(([key, value]) => ` ${key}=${value}`);
      return `${named ? `volume ${mount.source}` : "anonymous volume"}${mount.readOnly ? ":ro" : ""}${mount.noCopy ? ":nocopy" : ""}${labels.sort(compareText).join("")}`;
    }
    case "bind":
      return `bind ${mount.source}${mount.readOnly ? ":ro" : ""}${mount.selinux ? `:${mount.selinux}` : ""}${mount.propagation ? `:${mount.propagation}` : ""}`;
    case "tmpfs":
      return `tmpfs${mount.size ? ` size=${mount.size}` : ""}${mount.mode ? ` mode=${mount.mode.toString(8)}` : ""}`;
  }
}

/** `secrets.token`, or `secrets.token[/etc/token]` away from its default place. */
function filePath(file: { kind: "secret" | "config"; key: string; target: string }): string {
  const place = file.kind === "secret" ? `/run/secrets/${file.key}` : `/${file.key}`;
  return `${file.kind}s.${file.key}${file.target === place ? "" : `[${file.target}]`}`;
}

const modeText = (mode: number | undefined): string | undefined =>
  mode === undefined ? undefined : `0${mode.toString(8)}`;

/** A live file's content as a plan may show it: a config's text, never a secret's. */
const liveContent = (file: ObservedFile): string | undefined =>
  file.content === undefined ? undefined : "digest" in file.content ? SENSITIVE_MASK : file.content.value;

/**
 * Secrets and configs copied in, by target: `secrets.token` when a value changed (a secret's
 * only ever as a sensitive field: the live side is a salted digest), `.uid`, `.gid`, `.mode`.
 */
function compareFiles(s: ContainerSpec, l: LiveConfig, ctx: CompareContext): FieldChange[] {
  const want = new Map((s.files ?? []).map((f) => [f.target, f]));
  const live = new Map((l.files ?? []).map((f) => [f.target, f]));
  const fields: FieldChange[] = [];
  for (const target of [...new Set([...want.keys(), ...live.keys()])].sort(compareText)) {
    const a = want.get(target);
    const b = live.get(target);
    const path = filePath(a ?? b!);
    const secret = a ? a.sensitive : b!.kind === "secret";
    if (!a) {
      fields.push(change(path, liveContent(b!) ?? target, undefined, secret));
      continue;
    }
    if (!b?.content) {
      fields.push(change(path, undefined, a.content, secret));
      continue;
    }
    if (!envValueMatches(b.content, a.content, ctx.containerId))
      fields.push(change(path, liveContent(b), a.content, secret));
    if (b.uid !== a.uid) fields.push(change(`${path}.uid`, b.uid, a.uid));
    if (b.gid !== a.gid) fields.push(change(`${path}.gid`, b.gid, a.gid));
    if (b.mode !== a.mode) fields.push(change(`${path}.mode`, modeText(b.mode), modeText(a.mode)));
  }
  return fields;
}
