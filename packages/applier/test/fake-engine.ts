import type {
  ContainerFile,
  ContainerProcesses,
  ContainerStatus,
  Engine,
  EngineInfo,
  ExecOptions,
  LockHolder,
  LockResult,
  LogOptions,
  ObserveScope,
  ProcessIO,
  StackMeta,
  StackSummary,
} from "@stackform/engine";
import type {
  BuildSpec,
  ContainerSpec,
  ContainerState,
  NetworkSpec,
  ObservedState,
  Resources,
  RestartPolicy,
  StackInventory,
  VolumeSpec,
} from "@stackform/schema/contract";

/** One call the fake received, e.g. key `startContainer app-web-1`, with all its arguments. */
export interface FakeCall {
  method: string;
  /** Method and the names it acts on, space-separated: what tests assert call logs against. */
  key: string;
  args: unknown[];
}

interface Gate {
  promise: Promise<void>;
  release: () => void;
  reject: (error: Error) => void;
}

/** Handle on a held call: it is in flight until released. */
export interface Held {
  /** Resolves once the held call has been made. */
  reached: Promise<void>;
  release(): void;
  fail(error: Error): void;
}

interface FakeContainer {
  spec: ContainerSpec;
  state: ContainerState;
}

/**
 * An in-memory `Engine` for the applier's unit tests, and the only fake engine in the project.
 * Every call is logged; calls can be scripted to fail, to be held in flight until released, or to
 * take a few event-loop turns (for concurrency measurements); `containerStatus` answers from a
 * scripted sequence. Mutations are idempotent on "already so", as the real engine's are.
 */
export class FakeEngine implements Engine {
  readonly endpoint = "fake://engine";
  readonly calls: FakeCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Event-loop turns every call takes; 0 still answers asynchronously. */
  latencyTicks = 0;
  /** Called as each call begins (after it is logged): lets a test act at an exact moment. */
  onCall?: (call: FakeCall) => void;
  /** Lines `pullImage`/`buildImage` report through their progress callback, by image. */
  readonly progressLines = new Map<string, string[]>();

  readonly containers = new Map<string, FakeContainer>();
  readonly networks = new Map<string, NetworkSpec>();
  readonly volumes = new Map<string, VolumeSpec>();
  readonly images = new Set<string>();
  /** The lock per stack, as the real engine keeps it in a labelled container. */
  readonly locks = new Map<string, { holder: string; host: string; since: string }>();
  lockSince = "2025-01-01T00:00:00.000Z";

  readonly #failures = new Map<string, Error>();
  readonly #gates = new Map<string, Gate & { reached: () => void }>();
  readonly #statuses = new Map<string, ContainerStatus[]>();

  /** The keys of all calls so far, in order; `containerStatus` polls left out unless asked. */
  log(options: { polls?: boolean } = {}): string[] {
    return this.calls.filter((c) => options.polls || c.method !== "containerStatus").map((c) => c.key);
  }

  /** Every call with this key fails with `error`. */
  fail(key: string, error: Error | string): this {
    this.#failures.set(key, typeof error === "string" ? new Error(error) : error);
    return this;
  }

  /** The next call with this key stays in flight until the handle is released. */
  hold(key: string): Held {
    let release!: () => void;
    let reject!: (error: Error) => void;
    let reached!: () => void;
    const promise = new Promise<void>((res, rej) => {
      release = res;
      reject = rej;
    });
    const reachedPromise = new Promise<void>((res) => {
      reached = res;
    });
    this.#gates.set(key, { promise, release, reject, reached });
    return { reached: reachedPromise, release, fail: reject };
  }

  /** `containerStatus(container)` answers these in turn, then keeps answering the last. */
  setStatuses(container: string, ...statuses: ContainerStatus[]): this {
    this.#statuses.set(container, statuses);
    return this;
  }

  async info(): Promise<EngineInfo> {
    return this.#call("info", [], [], () => ({
      endpoint: this.endpoint,
      serverVersion: "fake",
      apiVersion: "1.41",
      os: "linux",
    }));
  }

  async observe(stack: string, wanted?: ObserveScope): Promise<ObservedState> {
    return this.#call("observe", [stack], [stack, wanted], () => ({
      stack,
      containers: [],
      networks: [],
      volumes: [],
      images: [],
    }));
  }

  async inventory(stack: string): Promise<StackInventory> {
    return this.#call("inventory", [stack], [stack], () => ({
      stack,
      containers: [],
      networks: [],
      volumes: [],
    }));
  }

  async pullImage(ref: string, onProgress?: (line: string) => void): Promise<void> {
    return this.#call("pullImage", [ref], [ref], () => {
      for (const line of this.progressLines.get(ref) ?? []) onProgress?.(line);
      this.images.add(ref);
    });
  }

  async buildImage(ref: string, build: BuildSpec, onProgress?: (line: string) => void): Promise<void> {
    return this.#call("buildImage", [ref], [ref, build], () => {
      for (const line of this.progressLines.get(ref) ?? []) onProgress?.(line);
      this.images.add(ref);
    });
  }

  async createNetwork(spec: NetworkSpec): Promise<void> {
    return this.#call("createNetwork", [spec.name], [spec], () => {
      this.networks.set(spec.name, spec);
    });
  }

  async removeNetwork(name: string): Promise<void> {
    return this.#call("removeNetwork", [name], [name], () => {
      this.networks.delete(name);
    });
  }

  async connectNetwork(
    container: string,
    network: string,
    endpoint: { aliases: string[]; ipv4Address?: string },
  ): Promise<void> {
    return this.#call("connectNetwork", [container, network], [container, network, endpoint], () => {});
  }

  async disconnectNetwork(container: string, network: string): Promise<void> {
    return this.#call("disconnectNetwork", [container, network], [container, network], () => {});
  }

  async createVolume(spec: VolumeSpec): Promise<void> {
    return this.#call("createVolume", [spec.name], [spec], () => {
      this.volumes.set(spec.name, spec);
    });
  }

  async removeVolume(name: string): Promise<void> {
    return this.#call("removeVolume", [name], [name], () => {
      this.volumes.delete(name);
    });
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    return this.#call("createContainer", [spec.name], [spec], () => {
      this.containers.set(spec.name, { spec, state: "created" });
      return `id-${spec.name}`;
    });
  }

  async startContainer(name: string): Promise<void> {
    return this.#call("startContainer", [name], [name], () => this.#setState(name, "running"));
  }

  async stopContainer(name: string, timeoutSeconds?: number): Promise<void> {
    return this.#call("stopContainer", [name], [name, timeoutSeconds], () => this.#setState(name, "exited"));
  }

  async removeContainer(name: string): Promise<void> {
    return this.#call("removeContainer", [name], [name], () => {
      this.containers.delete(name);
    });
  }

  async renameContainer(name: string, newName: string): Promise<void> {
    return this.#call("renameContainer", [name, newName], [name, newName], () => {
      const container = this.containers.get(name);
      if (!container) return;
      this.containers.delete(name);
      this.containers.set(newName, { ...container, spec: { ...container.spec, name: newName } });
    });
  }

  async updateContainer(
    name: string,
    update: { restart?: RestartPolicy; resources?: Resources },
  ): Promise<void> {
    return this.#call("updateContainer", [name], [name, update], () => {});
  }

  async containerStatus(name: string): Promise<ContainerStatus> {
    return this.#call("containerStatus", [name], [name], () => {
      const scripted = this.#statuses.get(name);
      if (scripted && scripted.length > 0)
        return (scripted.length > 1 ? scripted.shift() : scripted[0]) as ContainerStatus;
      return { state: this.containers.get(name)?.state ?? "created", oomKilled: false };
    });
  }

  async logs(containers: string[], options: LogOptions): Promise<void> {
    return this.#call("logs", containers, [containers, options], () => {});
  }

  /** What `exec` answers (the applier runs lifecycle hooks with it): exit 0, no output, unless set. */
  execAnswer?: (
    container: string,
    options: ExecOptions,
  ) => { exitCode: number; stdout?: string; stderr?: string };

  async exec(container: string, options: ExecOptions, io: ProcessIO): Promise<number> {
    return this.#call("exec", [container], [container, options], () => {
      const answer = this.execAnswer?.(container, options) ?? { exitCode: 0 };
      if (answer.stdout) io.stdout.write(answer.stdout);
      if (answer.stderr) io.stderr.write(answer.stderr);
      return answer.exitCode;
    });
  }

  // The day-2 commands' methods: the applier never calls them.

  async runAttached(spec: ContainerSpec): Promise<number> {
    return this.#call("runAttached", [spec.name], [spec], () => 0);
  }

  async restartContainer(name: string): Promise<void> {
    return this.#call("restartContainer", [name], [name], () => {});
  }

  async copyToContainer(container: string, files: readonly ContainerFile[]): Promise<void> {
    return this.#call("copyToContainer", [container], [container, files.map((f) => f.path)], () => {});
  }

  async top(container: string): Promise<ContainerProcesses> {
    return this.#call("top", [container], [container], () => ({ titles: [], processes: [] }));
  }

  async imageDetails(ref: string): Promise<undefined> {
    return this.#call("imageDetails", [ref], [ref], () => undefined);
  }

  async acquireLock(stack: string, holder: LockHolder): Promise<LockResult> {
    return this.#call("acquireLock", [stack], [stack, holder], (): LockResult => {
      const held = this.locks.get(stack);
      if (held) return { acquired: false, ...held };
      this.locks.set(stack, { ...holder, since: this.lockSince });
      return { acquired: true };
    });
  }

  async releaseLock(stack: string): Promise<void> {
    return this.#call("releaseLock", [stack], [stack], () => {
      this.locks.delete(stack);
    });
  }

  async listStacks(): Promise<StackSummary[]> {
    return this.#call("listStacks", [], [], () => []);
  }

  async writeStackMeta(stack: string, meta: StackMeta): Promise<void> {
    return this.#call("writeStackMeta", [stack], [stack, meta], () => {});
  }

  async close(): Promise<void> {
    return this.#call("close", [], [], () => {});
  }

  #setState(name: string, state: ContainerState): void {
    const container = this.containers.get(name);
    if (container) container.state = state;
  }

  async #call<T>(method: string, names: string[], args: unknown[], effect: () => T): Promise<T> {
    const call: FakeCall = { method, key: [method, ...names].join(" "), args };
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      this.onCall?.(call);
      await Promise.resolve();
      for (let i = 0; i < this.latencyTicks; i++) await new Promise((resolve) => setImmediate(resolve));
      const gate = this.#gates.get(call.key);
      if (gate) {
        this.#gates.delete(call.key);
        gate.reached();
        await gate.promise;
      }
      const failure = this.#failures.get(call.key);
      if (failure) throw failure;
      return effect();
    } finally {
      this.inFlight--;
    }
  }
}
