import type { Resources, RestartPolicy } from "./desired-stack.js";

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
  /**
   * Per environment key, `sha256(id + "\0" + value)` in hex: lets the planner name the variable
   * that changed without the observed state ever holding a secret value.
   */
  envDigests: Record<string, string>;
  /** The new half of an unfinished replace (label `dev.stackform.replaces`). */
  replaces?: string;
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
}
