import type {
  BuildSpec,
  ContainerSpec,
  EndpointOptions,
  NetworkSpec,
  PullPolicy,
  Resources,
  RestartPolicy,
  VolumeSpec,
} from "@stackform/schema/contract";

/**
 * One engine call. The applier executes operations and never decides anything: every choice
 * (what, in which order, why) was made by the planner. Each variant carries exactly its own
 * fields; containers, networks and volumes are referred to by engine name.
 */
export type Operation =
  | PullImage
  | BuildImage
  | CreateNetwork
  | RemoveNetwork
  | ConnectNetwork
  | DisconnectNetwork
  | CreateVolume
  | RemoveVolume
  | CreateContainer
  | StartContainer
  | StopContainer
  | RemoveContainer
  | RenameContainer
  | UpdateContainer
  | Wait
  | Gate
  | Sleep;

export type OperationKind = Operation["kind"];

interface Node {
  /** Unique within the plan, stable for the same inputs, e.g. `start:app-web-1`. */
  id: string;
  /** Ids of the operations that must succeed first. */
  after: string[];
  /** The change this operation belongs to, for progress lines: `service web`, `network back`. */
  resource: string;
}

export interface PullImage extends Node {
  kind: "pullImage";
  image: string;
  /** `refresh`: the engine records the time of the pull (a tag), which the next plan measures. */
  policy: PullPolicy;
  /** `os/arch[/variant]` to pull the image for: the `platform` of the services that use it. */
  platform?: string;
  /** With `platform`: the services that want it, for the error when the registry has none. */
  services?: string[];
}

export interface BuildImage extends Node {
  kind: "buildImage";
  image: string;
  build: BuildSpec;
  /** Build args whose values are secret: renderings print them as `(sensitive)`. */
  sensitiveArgs?: string[];
}

export interface CreateNetwork extends Node {
  kind: "createNetwork";
  network: NetworkSpec;
}

export interface RemoveNetwork extends Node {
  kind: "removeNetwork";
  network: string;
}

export interface ConnectNetwork extends Node, EndpointOptions {
  kind: "connectNetwork";
  container: string;
  network: string;
}

export interface DisconnectNetwork extends Node {
  kind: "disconnectNetwork";
  container: string;
  network: string;
}

export interface CreateVolume extends Node {
  kind: "createVolume";
  volume: VolumeSpec;
}

export interface RemoveVolume extends Node {
  kind: "removeVolume";
  volume: string;
}

export interface CreateContainer extends Node {
  kind: "createContainer";
  spec: ContainerSpec;
  /**
   * Keys of `spec.env` whose values are secret (declared, or matching the sensitive-name
   * pattern): renderings print them as `(sensitive)`. The applier passes the spec on unchanged.
   */
  sensitiveEnv?: string[];
}

export interface StartContainer extends Node {
  kind: "startContainer";
  container: string;
  /**
   * Set on the start of a replacement (still under its temporary name): when it fails, the
   * applier removes it and starts this container, the stopped original, again, so that a bad
   * change never leaves the service down. Plans made since rolling updates carry
   * `rolloutFailure` instead; saved plans of earlier versions still apply.
   */
  restoreOnFailure?: string;
  /** Set on the start of a new container in a rolling update: what its failure undoes. */
  rolloutFailure?: RolloutFailure;
  /** `post_start` hooks, run in order once the container runs; the first that fails fails the start. */
  postStart?: HookRun[];
}

export interface StopContainer extends Node {
  kind: "stopContainer";
  container: string;
  timeoutSeconds?: number;
  /** `pre_stop` hooks, run in order first; a failing one is reported and the stop goes on. */
  preStop?: HookRun[];
}

/**
 * A lifecycle hook of the container's service, run as `docker exec` would run it. Not part of the
 * container's configuration: the planner puts it on the operations, the applier runs it.
 */
export interface HookRun {
  service: string;
  /** Names the hook in messages: `post_start[0]`. */
  hook: string;
  command: string[];
  env: Record<string, string>;
  /** Keys of `env` whose values are secret: renderings print them as `(sensitive)`. */
  sensitiveEnv?: string[];
  user?: string;
  workingDir?: string;
  privileged?: boolean;
}

export interface RemoveContainer extends Node {
  kind: "removeContainer";
  container: string;
  /**
   * Destroy: keep even the volumes the engine deems anonymous; the plan removes the stack's
   * volumes itself, by name, and only with `--volumes`.
   */
  keepVolumes?: boolean;
}

export interface RenameContainer extends Node {
  kind: "renameContainer";
  container: string;
  newName: string;
}

/**
 * `docker update` of the fields that differ from the live values, and only those: `restart` when
 * the policy differs, `resources` with just the limits that differ. A limit that must go away is
 * given as `0`, which the Engine API reads as "no limit".
 */
export interface UpdateContainer extends Node {
  kind: "updateContainer";
  container: string;
  restart?: RestartPolicy;
  resources?: Resources;
}

export type WaitCondition = "running" | "healthy" | "exited0";

export interface Wait extends Node {
  kind: "wait";
  container: string;
  service: string;
  until: WaitCondition;
}

/**
 * The gate of a rolling update: the new container counts as up once it is healthy, when it has a
 * healthcheck (the service's or its image's), or else once it has stayed running for
 * `monitorMs`. Until then nothing after it in the rollout (draining the old container, the next
 * batch) starts.
 */
export interface Gate extends Node {
  kind: "gate";
  container: string;
  service: string;
  /** Without a healthcheck: how long it must keep running. */
  monitorMs: number;
  /** Absent on a gate that is itself a step of an undo. */
  rolloutFailure?: RolloutFailure;
}

/** Waits `ms`: a drain period (the old container off the networks, still finishing requests) or a batch delay. */
export interface Sleep extends Node {
  kind: "sleep";
  ms: number;
  /** For progress lines: `drain app-web-1`, `delay before batch 2`. */
  reason: string;
}

/**
 * What the failure of a rollout's start or gate does, decided by the planner from
 * `update_config` and followed by the applier. The steps are ordinary operations, run in order,
 * each best-effort (a step that fails does not stop the others).
 */
export interface RolloutFailure {
  /** Shared by the operations of one service's rollout: the applier acts on it once. */
  rollout: string;
  action: "rollback" | "pause" | "continue";
  /** Failures let through as `continue` before `action` applies (`max_failure_ratio` × replicas). */
  tolerated: number;
  /** Puts the failing batch's old containers back to serving (run on `rollback` and `pause`). */
  undoBatch: Operation[];
  /**
   * Puts the replicas of earlier, finished batches back (run on `rollback` only): one list of
   * steps per replica, latest first, run `rollback.parallelism` replicas at a time.
   */
  undoDone: Operation[][];
  /** `deploy.rollback_config`: replicas put back at once (0: all), and the wait between batches. */
  rollback: { parallelism: number; delayMs: number };
  /** The containers `undoDone` gives back to the old configuration, for the summary. */
  restores: string[];
}
