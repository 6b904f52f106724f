/**
 * The normalised stack: every Compose short form is expanded here, once, so the planner and the
 * engine never see `"8080:80/udp"` or `"data:/var/lib/x:ro"` strings. All durations are in
 * nanoseconds and all sizes in bytes, as the Engine API takes them. Record keys are sorted.
 */
export interface DesiredStack {
  name: string;
  /** Absolute directory of the first stack file; relative paths were resolved against it. */
  workingDir: string;
  /** Absolute paths of the files this stack was loaded from, in merge order. */
  files: string[];
  services: Record<string, DesiredService>;
  networks: Record<string, DesiredNetwork>;
  volumes: Record<string, DesiredVolume>;
  secrets: Record<string, DesiredFileObject>;
  configs: Record<string, DesiredFileObject>;
}

/** `refresh`: `daily`, `weekly`, `every_<interval>`: pull when the local image is older than `pullInterval`. */
export type PullPolicy = "missing" | "always" | "never" | "build" | "refresh";
export type RestartPolicyName = "no" | "always" | "on-failure" | "unless-stopped";
export type DependencyCondition = "service_started" | "service_healthy" | "service_completed_successfully";
export type Protocol = "tcp" | "udp" | "sctp";

export interface DesiredService {
  name: string;
  /** The image reference to run. For `build:` without `image:`, `<stack>-<service>` as Compose does. */
  image: string;
  build?: BuildSpec;
  pullPolicy: PullPolicy;
  /** Nanoseconds, with `refresh` only: a local image last pulled or tagged longer ago is pulled again. */
  pullInterval?: number;
  /** `os/arch[/variant]` the image is pulled, built and run for; unset, the engine's own. */
  platform?: string;
  /** `undefined` keeps the image's default. */
  command?: string[];
  entrypoint?: string[];
  /** `env_file` then `environment`, interpolated; keys sorted. */
  environment: Record<string, string>;
  /**
   * Environment keys and build args whose values must never be printed: declared with
   * `x-sensitive`, or named like secrets. Computed once, by the normaliser; nothing downstream
   * applies the name rule again.
   */
  sensitiveKeys: string[];
  /** One entry per published port; ranges are expanded. */
  ports: PortBinding[];
  expose: ExposedPort[];
  /** Volumes, binds and tmpfs mounts (from `volumes:`, `tmpfs:`, and `file:` secrets and configs). */
  mounts: Mount[];
  /**
   * Secrets and configs from `environment:` or `content:`, copied into the container after
   * create. Present only when there are some.
   */
  injectedFiles?: InjectedFile[];
  /** Keyed by the network's key in the stack file. Empty when `networkMode` is set. */
  networks: Record<string, ServiceNetwork>;
  networkMode?: NetworkMode;
  dependsOn: Record<string, Dependency>;
  healthcheck?: Healthcheck;
  /**
   * `post_start` and `pre_stop`: commands the applier runs in the container, not part of its
   * configuration (a changed hook recreates nothing). Present only when the file has some.
   */
  hooks?: ServiceHooks;
  /**
   * `develop.watch`: what `stack watch` does when files change. Not part of the container (no
   * plan ever compares it). Present only when the file has some rules.
   */
  watch?: WatchRule[];
  restart: RestartPolicy;
  resources: Resources;
  replicas: number;
  labels: Record<string, string>;
  init?: boolean;
  /**
   * `use_api_socket`: the engine's socket is bound in (`API_SOCKET`), and the CLI copies in the
   * registry credentials of the machine it runs on, as Compose does.
   */
  useApiSocket?: boolean;
  user?: string;
  workingDir?: string;
  hostname?: string;
  /** `host:ip` pairs, as the Engine API takes them. */
  extraHosts: string[];
  dns: string[];
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  readOnly: boolean;
  stopSignal?: string;
  /** Nanoseconds. */
  stopGracePeriod?: number;
  /** `deploy.update_config`: how a change rolls out over the replicas. */
  updateConfig?: UpdateConfig;
  /** `deploy.rollback_config`: how a failed rollout is undone. */
  rollbackConfig?: UpdateConfig;
  /** `x-stackform.drain`, nanoseconds: how long a leaving container stays up off the networks. */
  drain?: number;
  tty: boolean;
  stdinOpen: boolean;
  containerName?: string;
  profiles: string[];
  /**
   * Host options. Each is set only when the file sets it, so the engine's own defaults stay the
   * engine's, and stacks that do not use them keep the config hash they had before they existed.
   */
  dnsOptions?: string[];
  dnsSearch?: string[];
  logging?: Logging;
  /** By name, sorted. */
  ulimits?: Record<string, Ulimit>;
  sysctls?: Record<string, string>;
  /** Bytes. */
  shmSize?: number;
  securityOpt?: string[];
  devices?: DeviceMapping[];
  /** `host` or `service:<name>`; `""` keeps the container's own namespace. */
  pid?: string;
  /** `host`, `private`, `shareable`, `none` or `service:<name>`. */
  ipc?: string;
  /** In the file's order. */
  volumesFrom?: VolumesFrom[];
  /** `links`: services of this stack (their first container), reachable under `alias` too. */
  links?: Link[];
  /** `external_links`: containers by name. */
  externalLinks?: Link[];
  cgroupParent?: string;
  cgroup?: "host" | "private";
  oomKillDisable?: boolean;
  oomScoreAdj?: number;
  groupAdd?: string[];
  domainname?: string;
  macAddress?: string;
  usernsMode?: string;
  uts?: string;
  runtime?: string;
  /** CFS period and quota, real-time period and runtime: microseconds. */
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuRtPeriod?: number;
  cpuRtRuntime?: number;
  /** `0-3`, `0,1`. */
  cpuset?: string;
  memSwappiness?: number;
  blkio?: BlkioConfig;
  deviceCgroupRules?: string[];
  storageOpt?: Record<string, string>;
}

export interface ServiceHooks {
  postStart: LifecycleHook[];
  preStop: LifecycleHook[];
}

export type WatchAction = "sync" | "rebuild" | "sync+restart" | "restart" | "sync+exec";

/** One `develop.watch` rule. */
export interface WatchRule {
  /** Absolute path on this machine (a directory or a file), resolved against the stack file's directory. */
  path: string;
  action: WatchAction;
  /** Absolute path in the container; set for the sync actions. */
  target?: string;
  /** Gitignore-like patterns, relative to `path`: files that trigger nothing. */
  ignore: string[];
  /** When set, only files matching one of these patterns trigger the rule. */
  include?: string[];
  /** Sync everything under `path` when the watch starts, not only what changes later. */
  initialSync: boolean;
  /** `sync+exec`: the command run in each container after a sync. */
  exec?: LifecycleHook;
}

/** One lifecycle hook, run as `docker exec` would run it. */
export interface LifecycleHook {
  command: string[];
  /** Interpolated; keys sorted. */
  environment: Record<string, string>;
  /** Keys of `environment` whose values are never printed, by the service's sensitive-key rule. */
  sensitiveKeys: string[];
  user?: string;
  workingDir?: string;
  privileged?: boolean;
}

/** Block IO weights and limits; lists keep the file's order. */
export interface BlkioConfig {
  weight?: number;
  weightDevice?: { path: string; weight: number }[];
  /** Bytes per second. */
  deviceReadBps?: BlkioRate[];
  deviceWriteBps?: BlkioRate[];
  /** Operations per second. */
  deviceReadIops?: BlkioRate[];
  deviceWriteIops?: BlkioRate[];
}

export interface BlkioRate {
  path: string;
  rate: number;
}

export interface Logging {
  /** `undefined`: the engine's default driver, with `options`. */
  driver?: string;
  options: Record<string, string>;
}

export interface Ulimit {
  soft: number;
  hard: number;
}

export interface DeviceMapping {
  source: string;
  target: string;
  /** `rwm` and subsets. */
  permissions: string;
}

/**
 * `deploy.update_config` / `deploy.rollback_config` as given, durations in nanoseconds. Unset keys
 * stay unset: each target (one engine, Swarm) applies its own defaults.
 */
export interface UpdateConfig {
  parallelism?: number;
  delay?: number;
  order?: "start-first" | "stop-first";
  failureAction?: "rollback" | "pause" | "continue";
  monitor?: number;
  maxFailureRatio?: number;
}

export interface BuildSpec {
  /** Absolute path. */
  context: string;
  /** Relative to the context. */
  dockerfile: string;
  args: Record<string, string>;
  target?: string;
  /** The service's `platform`: the image is built for it. */
  platform?: string;
  /** `dockerfile_inline`: the Dockerfile's text, sent inside the context instead of `dockerfile`. */
  dockerfileInline?: string;
  /** Labels set on the built image. */
  labels?: Record<string, string>;
  /** More references tagged on the built image, besides the service's `image`. */
  tags?: string[];
  /** Images whose layers the builder may reuse (`cache_from`). */
  cacheFrom?: string[];
  noCache?: boolean;
  /** Pull the `FROM` images even when the engine has them. */
  pull?: boolean;
  /** The network of the `RUN` steps: `host`, `none`, `default` or a network's name, as given. */
  network?: string;
  /** `/etc/hosts` entries of the `RUN` steps, `host:ip`. */
  extraHosts?: string[];
  /** `/dev/shm` of the `RUN` steps, in bytes. */
  shmSize?: number;
  ulimits?: Record<string, Ulimit>;
}

export interface PortBinding {
  target: number;
  /** `undefined`: the engine picks a host port. */
  published?: number;
  hostIp?: string;
  protocol: Protocol;
  /**
   * Compose's `name` and `app_protocol`: metadata for people and tools, which no engine call
   * carries (Compose sends neither); kept so `stack config` gives them back.
   */
  name?: string;
  appProtocol?: string;
}

export interface ExposedPort {
  port: number;
  protocol: Protocol;
}

export const BIND_PROPAGATIONS = ["private", "rprivate", "shared", "rshared", "slave", "rslave"] as const;
export type BindPropagation = (typeof BIND_PROPAGATIONS)[number];

export type Mount =
  | {
      type: "volume";
      /** The volume's key in the stack file; `undefined` for an anonymous volume. */
      source?: string;
      target: string;
      readOnly: boolean;
      noCopy: boolean;
      /** Labels for a volume the mount creates (the engine ignores them on an existing one). */
      labels?: Record<string, string>;
    }
  | {
      type: "bind";
      /** Absolute host path. */
      source: string;
      target: string;
      readOnly: boolean;
      createHostPath: boolean;
      propagation?: BindPropagation;
      /** Relabel for SELinux: `z` shared between containers, `Z` private to this one. */
      selinux?: "z" | "Z";
    }
  | {
      type: "tmpfs";
      target: string;
      /** Bytes. */
      size?: number;
      mode?: number;
    };

export interface Link {
  name: string;
  alias?: string;
}

/** `volumes_from`: a service of this stack (its first container) or any container by name. */
export interface VolumesFrom {
  kind: "service" | "container";
  name: string;
  readOnly: boolean;
}

export interface ServiceNetwork {
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  linkLocalIps?: string[];
  driverOpts?: Record<string, string>;
  /** Higher joins first; the highest is the network the container is created on. */
  priority?: number;
}

export type NetworkMode =
  | { kind: "bridge" }
  | { kind: "host" }
  | { kind: "none" }
  | { kind: "service"; service: string };

export interface Dependency {
  condition: DependencyCondition;
  restart: boolean;
  required: boolean;
}

export interface Healthcheck {
  /** Engine form: `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]` when disabled. */
  test: string[];
  /** Nanoseconds. */
  interval?: number;
  timeout?: number;
  startPeriod?: number;
  retries?: number;
}

export interface RestartPolicy {
  name: RestartPolicyName;
  maximumRetryCount: number;
}

/** All optional: `undefined` means no limit. Bytes, nano-CPUs, relative shares. */
export interface Resources {
  memoryLimit?: number;
  memoryReservation?: number;
  memswapLimit?: number;
  nanoCpus?: number;
  cpuShares?: number;
  pidsLimit?: number;
}

export interface DesiredNetwork {
  key: string;
  /** The name on the engine: `<stack>_<key>` or `name:`. */
  name: string;
  external: boolean;
  driver: string;
  driverOpts: Record<string, string>;
  ipam?: Ipam;
  internal: boolean;
  attachable: boolean;
  enableIpv6: boolean;
  labels: Record<string, string>;
}

export interface Ipam {
  driver?: string;
  config: { subnet?: string; ipRange?: string; gateway?: string }[];
  options: Record<string, string>;
}

export interface DesiredVolume {
  key: string;
  /** The name on the engine: `<stack>_<key>` or `name:`. */
  name: string;
  external: boolean;
  driver: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}

/**
 * A `secrets:` or `configs:` entry. Backed by a file (`file`), services bind-mount it read-only;
 * from `environment:` or `content:` (`value`), services get a copy of the value written into the
 * container after create. A secret's `value` must never be printed.
 */
export interface DesiredFileObject {
  key: string;
  /** Absolute host path, for `file:`. */
  file?: string;
  /** For `environment:`: the variable's name (what `stack config` writes back). */
  environment?: string;
  /** For `environment:` and `content:`: the (interpolated) text written into containers. */
  value?: string;
}

/**
 * A secret or config value written into a container as a file, as Compose does without Swarm:
 * copied in through the engine's archive API after create, before start, so it works on a remote
 * engine too. `sensitive` (every secret) means `content` is never printed, labelled or logged.
 */
export interface InjectedFile {
  kind: "secret" | "config";
  /** The key in the top-level `secrets:`/`configs:`. */
  key: string;
  /** Absolute path in the container. */
  target: string;
  content: string;
  sensitive: boolean;
  /** Numeric owner; Compose's default is root (0). */
  uid: number;
  gid: number;
  /** Permission bits; Compose's default is 0444. */
  mode: number;
}
