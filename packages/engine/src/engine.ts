import type {
  BuildSpec,
  ContainerSpec,
  ContainerState,
  HealthState,
  NetworkSpec,
  ObservedState,
  Resources,
  RestartPolicy,
  VolumeSpec,
} from "@stackform/schema";

/**
 * The only way Stackform talks to Docker. Implemented by `DockerEngine` over dockerode; a fake
 * implements it in the applier's unit tests. No dockerode type crosses this boundary, and every
 * failure is an `EngineError` (see errors.ts).
 *
 * Mutations are idempotent where the engine says "already so": starting a running container,
 * stopping a stopped one, removing something already gone all succeed. That is what lets a
 * re-run converge after an interruption.
 */
export interface Engine {
  /** Where this engine is, for people: `unix:///var/run/docker.sock`, `ssh://dev@host`. */
  readonly endpoint: string;
  /** HTTP requests made so far; the benchmarks count them at this boundary. */
  readonly requestCount?: number;
  info(): Promise<EngineInfo>;

  /** Names tell observe which non-stack-labelled networks, volumes and images to look for. */
  observe(stack: string, wanted?: ObserveScope): Promise<ObservedState>;

  pullImage(ref: string, onProgress?: (line: string) => void): Promise<void>;
  buildImage(ref: string, build: BuildSpec, onProgress?: (line: string) => void): Promise<void>;

  createNetwork(spec: NetworkSpec): Promise<void>;
  removeNetwork(name: string): Promise<void>;
  connectNetwork(
    container: string,
    network: string,
    endpoint: { aliases: string[]; ipv4Address?: string },
  ): Promise<void>;
  disconnectNetwork(container: string, network: string): Promise<void>;

  createVolume(spec: VolumeSpec): Promise<void>;
  removeVolume(name: string): Promise<void>;

  /** Creates on the first network, connects the rest; returns the id. */
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(name: string): Promise<void>;
  stopContainer(name: string, timeoutSeconds?: number): Promise<void>;
  /** Never removes named volumes; anonymous volumes stay too (they may be carried over). */
  removeContainer(name: string): Promise<void>;
  renameContainer(name: string, newName: string): Promise<void>;
  updateContainer(name: string, update: { restart?: RestartPolicy; resources?: Resources }): Promise<void>;
  containerStatus(name: string): Promise<ContainerStatus>;

  logs(
    containers: string[],
    options: LogOptions,
    onLine: (container: string, line: string) => void,
    signal?: AbortSignal,
  ): Promise<void>;

  /** Atomic on the engine: a fixed-name container that is never started. */
  acquireLock(stack: string, holder: LockHolder): Promise<LockResult>;
  releaseLock(stack: string): Promise<void>;

  /** Every stack on the engine, from labels (for `stack ls` and `stack gc`). */
  listStacks(): Promise<StackSummary[]>;
  /** Owner and expiry of a stack (`stack apply --ttl`); an empty meta removes them. */
  writeStackMeta(stack: string, meta: StackMeta): Promise<void>;

  close(): Promise<void>;
}

export interface EngineInfo {
  endpoint: string;
  serverVersion: string;
  apiVersion: string;
  os: string;
}

export interface ObserveScope {
  networks: string[];
  volumes: string[];
  images: string[];
}

export interface ContainerStatus {
  state: ContainerState;
  health?: HealthState;
  exitCode?: number;
  /** Output of the last healthcheck run, for wait errors. */
  lastHealthOutput?: string;
  oomKilled: boolean;
  error?: string;
}

export interface LogOptions {
  follow: boolean;
  tail?: number;
  /** Unix seconds. */
  since?: number;
  timestamps: boolean;
}

export interface LockHolder {
  holder: string;
  host: string;
}

export type LockResult =
  | { acquired: true }
  | { acquired: false; holder: string; host: string; since: string };

export interface StackSummary {
  name: string;
  containers: number;
  running: number;
  owner?: string;
  createdAt?: string;
  expiresAt?: string;
}

export interface StackMeta {
  owner?: string;
  /** ISO 8601. */
  expiresAt?: string;
}
