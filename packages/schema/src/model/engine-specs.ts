import type {
  BlkioConfig,
  DeviceMapping,
  Healthcheck,
  InjectedFile,
  Logging,
  Mount,
  Protocol,
  Resources,
  RestartPolicy,
  Ulimit,
} from "./desired-stack.js";

/**
 * What the engine package is asked to create. Built by the planner (pure) from the desired
 * stack, translated to Engine API bodies by the engine package alone. Names are engine names.
 */
export interface ContainerSpec extends HostOptions {
  name: string;
  image: string;
  /** `os/arch[/variant]`: created from the image for that platform. Present only when the file sets it. */
  platform?: string;
  command?: string[];
  entrypoint?: string[];
  /** Values may be secret: render through the planner's masking, never print directly. */
  env: Record<string, string>;
  labels: Record<string, string>;
  user?: string;
  workingDir?: string;
  hostname?: string;
  tty: boolean;
  stdinOpen: boolean;
  stopSignal?: string;
  stopTimeoutSeconds?: number;
  healthcheck?: Healthcheck;
  /** `"80/tcp"` form. */
  exposedPorts: string[];
  portBindings: EnginePortBinding[];
  mounts: EngineMount[];
  /**
   * Secrets and configs from `environment:`/`content:`, written into the container after create
   * (so a rollout's temporary container gets them too). Present only when there are some, so a
   * container without any keeps the config hash it had. Secret contents: see `InjectedFile`.
   */
  files?: InjectedFile[];
  /**
   * `"<network name>"`, `"host"`, `"none"`, `"bridge"` or `"container:<name>"`. With a network
   * name, it is also the first entry of `networks`.
   */
  networkMode: string;
  /**
   * The container is created attached to the first network only (API 1.41 accepts one endpoint at
   * create); `createContainer` connects the others before it returns.
   */
  networks: NetworkAttachment[];
  restart: RestartPolicy;
  resources: Resources;
  init?: boolean;
  privileged: boolean;
  readOnly: boolean;
  capAdd: string[];
  capDrop: string[];
  dns: string[];
  extraHosts: string[];
  /** Host options whose live form differs (see `HostOptions` for the rest). */
  logging?: Logging;
  cgroupnsMode?: "host" | "private";
}

/**
 * Host options, spelled the same in what is asked for (`ContainerSpec`) and in what inspect
 * reports (`LiveConfig`). Each is present only when set: the create request then leaves the
 * engine's default in place, and the config hash of a container that uses none of them is what
 * it was before they existed.
 */
export interface HostOptions {
  dnsOptions?: string[];
  dnsSearch?: string[];
  /** Sorted by name. */
  ulimits?: (Ulimit & { name: string })[];
  sysctls?: Record<string, string>;
  shmSize?: number;
  securityOpt?: string[];
  devices?: DeviceMapping[];
  /** `host`, `container:<name>` (inspect may say `container:<id>`). */
  pidMode?: string;
  ipcMode?: string;
  /** Container names, `:ro` when read-only, in the file's order. */
  volumesFrom?: string[];
  /** `container[:alias]`, set on every network endpoint (the engine ignores HostConfig.Links there). */
  links?: string[];
  cgroupParent?: string;
  oomKillDisable?: boolean;
  oomScoreAdj?: number;
  groupAdd?: string[];
  domainname?: string;
  macAddress?: string;
  usernsMode?: string;
  utsMode?: string;
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

export interface EnginePortBinding {
  target: number;
  protocol: Protocol;
  hostIp?: string;
  /** `undefined`: the engine picks one. */
  hostPort?: number;
}

/** A mount as the engine is given it: the normalised one, as it is. */
export type EngineMount = Mount;

/** What one endpoint is given at create or connect (API 1.41 EndpointSettings). */
export interface EndpointOptions {
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  linkLocalIps?: string[];
  driverOpts?: Record<string, string>;
}

export interface NetworkAttachment extends EndpointOptions {
  /** Engine name of the network. */
  network: string;
}

export interface NetworkSpec {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  ipam?: {
    driver?: string;
    config: { subnet?: string; ipRange?: string; gateway?: string }[];
    options: Record<string, string>;
  };
  internal: boolean;
  attachable: boolean;
  /** Set only when true: a network made before the key existed keeps its config hash. */
  enableIpv6?: true;
  labels: Record<string, string>;
}

export interface VolumeSpec {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
}
