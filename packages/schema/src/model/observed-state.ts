import type { Healthcheck, Logging, Mount, Resources, RestartPolicy } from "./desired-stack.js";
import type { EnginePortBinding, HostOptions } from "./engine-specs.js";

/**
 * What `observe()` saw on the engine, reduced to records of our own (never dockerode types).
 * Lists are in whatever order the engine gave; the planner must not depend on it.
 */
export interface ObservedState {
  stack: string;
  /** Containers labelled with the stack, including temporary replace containers. */
  containers: ObservedContainer[];
  /** Networks labelled with the stack, plus any network the desired stack names that exists. */
  networks: ObservedNetwork[];
  /** Volumes labelled with the stack, plus any volume the desired stack names that exists. */
  volumes: ObservedVolume[];
  /** Images the desired stack references that exist locally, by the reference asked for. */
  images: ObservedImage[];
}

/**
 * What the engine holds for a stack, from its lists alone (no inspect per container): enough to
 * tear the stack down, not to compare it with a stack file. An `ObservedState` is one.
 */
export interface StackInventory {
  stack: string;
  containers: InventoryContainer[];
  networks: ObservedNetwork[];
  volumes: ObservedVolume[];
}

export type InventoryContainer = Pick<
  ObservedContainer,
  | "id"
  | "name"
  | "service"
  | "number"
  | "state"
  | "imageId"
  | "mounts"
  | "labels"
  | "configHash"
  | "replaces"
  | "oneOff"
> & { networks: Record<string, Pick<ObservedEndpoint, "networkId">> };

export type ContainerState = "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
export type HealthState = "starting" | "healthy" | "unhealthy";

export interface ObservedContainer {
  id: string;
  /** Without the leading `/`. */
  name: string;
  service: string;
  number: number;
  state: ContainerState;
  health?: HealthState;
  exitCode?: number;
  /** The `dev.stackform.config-hash` label; `undefined` on containers not made by Stackform. */
  configHash?: string;
  /** The reference the container was created from, as given. */
  image: string;
  imageId: string;
  /** Keyed by the network's engine name. */
  networks: Record<string, ObservedEndpoint>;
  mounts: ObservedMount[];
  /** Ports the engine has bound now (`docker ps`'s PORTS), sorted; empty when stopped. */
  publishedPorts: ObservedPublishedPort[];
  restart: RestartPolicy;
  resources: Resources;
  labels: Record<string, string>;
  /** The configuration the container was created with, for the planner's field-by-field comparison. */
  config: LiveConfig;
  /** The new half of an unfinished replace (label `dev.stackform.replaces`). */
  replaces?: string;
  /**
   * A one-off container of `stack run` or `docker compose run` (`com.docker.compose.oneoff=True`):
   * part of the stack for `destroy`, never one of a service's replicas for the planner.
   */
  oneOff?: boolean;
}

/**
 * An environment value as observe() keeps it: the value itself, or for a secret key (by name, or
 * declared sensitive by the stack) only `sha256(container id + "\0" + value)` in hex, so that the
 * planner can tell a changed secret without the observed state ever holding one.
 */
export type ObservedEnvValue = { value: string } | { digest: string };

/**
 * A container's configuration as the engine holds it (inspect's `Config` and `HostConfig`), in
 * the terms of `ContainerSpec`. Fields the engine fills in from the image when the create request
 * left them out (env, command, labels, volumes, ...) appear here as the engine reports them;
 * `image` says what the image would have given, so the planner can tell the two apart.
 */
export interface LiveConfig extends HostOptions {
  command?: string[];
  entrypoint?: string[];
  env: Record<string, ObservedEnvValue>;
  /** `""` when unset. */
  user: string;
  workingDir: string;
  /** The engine's hostname; the short id when none was asked for. */
  hostname: string;
  tty: boolean;
  stdinOpen: boolean;
  stopSignal?: string;
  stopTimeoutSeconds?: number;
  healthcheck?: Healthcheck;
  /** `"80/tcp"` form, sorted. */
  exposedPorts: string[];
  /** As requested at create (published port `undefined` when the engine picks one). */
  portBindings: EnginePortBinding[];
  /** As requested at create, sorted by target; image volumes the request did not name are left out. */
  mounts: LiveMount[];
  /** `HostConfig.NetworkMode`; `container:<id>` for a shared namespace. */
  networkMode: string;
  init?: boolean;
  privileged: boolean;
  readOnly: boolean;
  /** Without the `CAP_` prefix the engine adds, upper case, sorted. */
  capAdd: string[];
  capDrop: string[];
  dns: string[];
  extraHosts: string[];
  /**
   * Host options as inspect reports them, engine defaults included (`shmSize` 64MiB, `ipcMode`
   * `private`, the daemon's log driver, `runtime` `runc`...): the planner knows which are defaults.
   * Absent when the engine reports nothing (null, `""`, empty).
   */
  logging?: Required<Logging>;
  cgroupnsMode?: string;
  /**
   * The secrets and configs copied in at create (from the `dev.stackform.files` label), read
   * back from the container. Absent when the container has none.
   */
  files?: ObservedFile[];
  image: ImageDefaults;
}

/**
 * A copied-in secret or config as it is in the container now. `content` holds a config's text,
 * but only a digest salted with the container id for a secret (see `ObservedEnvValue`); it is
 * absent, like the owner and mode, when the file is no longer there.
 */
export interface ObservedFile {
  kind: "secret" | "config";
  key: string;
  target: string;
  content?: ObservedEnvValue;
  uid?: number;
  gid?: number;
  mode?: number;
}

/**
 * A mount as the engine reports it: the normalised shape, less `createHostPath`, which the engine
 * does not keep. `source` is `undefined` for an anonymous volume the engine named.
 */
export type LiveMount =
  | Exclude<Mount, { type: "bind" }>
  | Omit<Extract<Mount, { type: "bind" }>, "createHostPath">;

/** What the container's image gives a container whose create request does not say. */
export interface ImageDefaults {
  env: Record<string, ObservedEnvValue>;
  command?: string[];
  entrypoint?: string[];
  user: string;
  workingDir: string;
  labels: Record<string, string>;
  /** `VOLUME` targets. */
  volumes: string[];
  exposedPorts: string[];
  healthcheck?: Healthcheck;
  stopSignal?: string;
  /** `os/arch[/variant]` the image is built for (a container's inspect names the OS only). */
  platform?: string;
}

export interface ObservedPublishedPort {
  /** `0.0.0.0`, `::`, `127.0.0.1`... as the engine reports it. */
  hostIp: string;
  hostPort: number;
  target: number;
  protocol: "tcp" | "udp" | "sctp";
}

export interface ObservedEndpoint {
  networkId: string;
  /** User-given aliases only (the engine's automatic short-id alias is dropped). */
  aliases: string[];
  /** Only when it was configured statically (`ipv4_address`). */
  ipv4Address?: string;
  ipv6Address?: string;
  linkLocalIps?: string[];
  driverOpts?: Record<string, string>;
}

export interface ObservedMount {
  type: "volume" | "bind" | "tmpfs";
  /** Volume name (anonymous volumes: the engine's generated name) or host path. */
  source: string;
  target: string;
}

export interface ObservedNetwork {
  id: string;
  name: string;
  /** `dev.stackform.stack`; `undefined` for networks Stackform does not own. */
  stack?: string;
  configHash?: string;
  driver: string;
  internal: boolean;
  attachable: boolean;
  enableIpv6: boolean;
  labels: Record<string, string>;
}

export interface ObservedVolume {
  name: string;
  stack?: string;
  driver: string;
  labels: Record<string, string>;
}

export interface ObservedImage {
  /** The reference as the stack file names it. */
  ref: string;
  id: string;
  /** `os/arch[/variant]` it was built for. */
  platform?: string;
  /**
   * When it was last pulled by Stackform or tagged (inspect's `Metadata.LastTagTime`, an ISO
   * time), what `pull_policy: every_<interval>` measures; absent when the engine recorded none.
   */
  lastTagTime?: string;
}
