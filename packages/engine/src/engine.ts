import type {
  BuildSpec,
  ContainerSpec,
  ContainerState,
  EndpointOptions,
  HealthState,
  NetworkSpec,
  ObservedState,
  Resources,
  RestartPolicy,
  StackInventory,
  VolumeSpec,
} from "@stackform/schema/contract";

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
  /** The stack's objects from the engine's lists alone: what tearing it down needs. */
  inventory(stack: string): Promise<StackInventory>;

  pullImage(ref: string, onProgress?: (line: string) => void, options?: PullOptions): Promise<void>;
  buildImage(ref: string, build: BuildSpec, onProgress?: (line: string) => void): Promise<void>;

  createNetwork(spec: NetworkSpec): Promise<void>;
  removeNetwork(name: string): Promise<void>;
  connectNetwork(container: string, network: string, endpoint: EndpointOptions): Promise<void>;
  disconnectNetwork(container: string, network: string): Promise<void>;

  createVolume(spec: VolumeSpec): Promise<void>;
  removeVolume(name: string): Promise<void>;

  /** Creates on the first network, connects the rest; returns the id. */
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(name: string): Promise<void>;
  stopContainer(name: string, timeoutSeconds?: number): Promise<void>;
  /**
   * Never removes named volumes. The engine deletes the anonymous ones it made for this container
   * (not one mounted by name, as a replacement mounts a carried-over one) unless `keepVolumes`.
   */
  removeContainer(name: string, options?: { keepVolumes?: boolean }): Promise<void>;
  renameContainer(name: string, newName: string): Promise<void>;
  updateContainer(name: string, update: { restart?: RestartPolicy; resources?: Resources }): Promise<void>;
  containerStatus(name: string): Promise<ContainerStatus>;

  /** `stream` is `stdout` or `stderr`; a container with a TTY has one stream, reported as `stdout`. */
  logs(
    containers: string[],
    options: LogOptions,
    onLine: (container: string, line: string, stream: LogStream) => void,
    signal?: AbortSignal,
  ): Promise<void>;

  /** `docker exec`: runs a command in a running container, relays its streams; the exit code. */
  exec(container: string, options: ExecOptions, io: ProcessIO): Promise<number>;
  /** `docker run` attached: creates, starts and follows a container to its end; the exit code. */
  runAttached(spec: ContainerSpec, io: ProcessIO): Promise<number>;
  restartContainer(name: string, timeoutSeconds?: number): Promise<void>;
  /** `docker cp` into a container (created or running): each file at its absolute path, parents made. */
  copyToContainer(container: string, files: readonly ContainerFile[]): Promise<void>;
  /** `docker top`. */
  top(container: string): Promise<ContainerProcesses>;
  /** `undefined` when the image is not on the engine. */
  imageDetails(ref: string): Promise<ImageDetails | undefined>;

  /** Atomic on the engine: a fixed-name container that is never started. */
  acquireLock(stack: string, holder: LockHolder): Promise<LockResult>;
  releaseLock(stack: string): Promise<void>;

  /** Every stack on the engine, from labels (for `stack ls` and `stack gc`). */
  listStacks(): Promise<StackSummary[]>;
  /** Owner and expiry of a stack (`stack apply --ttl`); an empty meta removes them. */
  writeStackMeta(stack: string, meta: StackMeta): Promise<void>;

  close(): Promise<void>;
}

/** How a pull is made (`pullImage`). */
export interface PullOptions {
  /** `os/arch[/variant]`; unset, the engine's own. */
  platform?: string;
  /** The services that want the platform, for the error when there is no such image. */
  services?: string[];
  /**
   * Tag the image onto its own reference after the pull, so the engine records the time
   * (`Metadata.LastTagTime`, which pulls leave unset before Docker 23): time-based pull policies
   * measure it, Compose's as Stackform's.
   */
  recordPullTime?: boolean;
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
  /** Environment keys the stack declares secret: observe() keeps only digests of their values. */
  sensitiveEnv?: string[];
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

export type LogStream = "stdout" | "stderr";

export interface ExecOptions {
  command: string[];
  env?: Record<string, string>;
  user?: string;
  workingDir?: string;
  privileged?: boolean;
}

/** The caller's side of a process run through the engine (exec, attached run). */
export interface ProcessIO {
  /** Relayed to the process until it ends; `undefined` gives the process no stdin. */
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  /** Unused with a TTY, which merges both streams into `stdout`. */
  stderr: NodeJS.WritableStream;
  tty: boolean;
  /** The terminal's size, for a TTY. */
  size?: { rows: number; columns: number };
}

/** A file to copy into a container. */
export interface ContainerFile {
  /** Absolute path in the container. */
  path: string;
  content: Buffer;
  /** Permission bits; default 0644. */
  mode?: number;
}

export interface ContainerProcesses {
  /** `UID`, `PID`, `CMD`... as `ps` prints them. */
  titles: string[];
  processes: string[][];
}

export interface ImageDetails {
  id: string;
  repoTags: string[];
  /** Bytes. */
  size: number;
  /** ISO 8601. */
  created: string;
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
