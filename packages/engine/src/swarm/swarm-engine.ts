import {
  type BuildSpec,
  type ObservedSwarm,
  STACK_NAMESPACE_LABEL,
  type SwarmFileObjectSpec,
  type SwarmNetworkSpec,
  type SwarmServiceSpec,
} from "@stackform/schema/contract";
import { credentialsFor, type RegistryAuth } from "../auth/registry-credentials.js";
import { registryOf } from "../auth/registry-host.js";
import type { ConnectionFlags } from "../connection/resolve-connection.js";
import { connectClient } from "../docker/connect-client.js";
import type { EngineClient } from "../docker/engine-client.js";
import { buildImage } from "../docker/images.js";
import { ipv6PoolRefusal } from "../docker/ipv6-pool-refusal.js";
import { logQuery, readLogLines } from "../docker/log-lines.js";
import { pushImage } from "../docker/push-image.js";
import type { LogOptions, LogStream } from "../engine.js";
import { EngineError, isEngineError } from "../errors.js";
import type { WireFileObject, WireInfo, WireNetwork, WireNode, WireService, WireTask } from "./swarm-wire.js";

/** One stack as `stack ls --target swarm` shows it. */
export interface SwarmStackSummary {
  name: string;
  services: number;
  /** Tasks Swarm wants running, and those that are. */
  desiredTasks: number;
  runningTasks: number;
}

/** A task as `stack ps` shows it and convergence judges it. */
export interface SwarmTask {
  id: string;
  serviceId: string;
  node: string;
  slot?: number;
  desiredState: string;
  state: string;
  message: string;
  error?: string;
  updatedAt?: string;
  /** The task's container spec as JSON: tells a task of the current spec from an old one. */
  containerSpec: string;
}

export interface SwarmServiceStatus {
  id: string;
  name: string;
  /** `updating`, `completed`, `paused`, `rollback_started`, `rollback_completed`, ... or undefined. */
  updateState?: string;
  updateMessage?: string;
  /** The version index the next update must name. */
  version: number;
  spec: SwarmServiceSpec;
}

/**
 * A Swarm manager over the Engine API (v1.41 `/services`, `/tasks`, `/networks`, `/nodes`). The
 * single-engine DockerEngine is untouched: the Swarm target talks to its own objects only.
 */
export class SwarmEngine {
  private constructor(
    private readonly client: EngineClient,
    private readonly dispose: () => Promise<void>,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async connect(
    flags: ConnectionFlags = {},
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<SwarmEngine> {
    const { client, dispose } = await connectClient(flags, env);
    return new SwarmEngine(client, dispose, env);
  }

  get endpoint(): string {
    return this.client.endpoint;
  }

  get requestCount(): number {
    return this.client.requestCount;
  }

  close(): Promise<void> {
    return this.dispose();
  }

  /** Fails, saying how to fix it, unless the engine is a manager of an active Swarm. */
  async requireManager(): Promise<void> {
    const info = await this.client.json<WireInfo>({
      what: "read the engine's info",
      method: "GET",
      path: "/info",
    });
    const state = info.Swarm?.LocalNodeState ?? "inactive";
    if (state !== "active") {
      throw new EngineError(
        "bad-request",
        `the engine at ${this.endpoint} is not part of a Swarm (its swarm state is ${state}), so --target swarm cannot deploy to it`,
        "run `docker swarm init` on it (or `docker swarm join` it to a Swarm), point -H at a Swarm manager, or drop --target swarm to run containers on this engine",
      );
    }
    if (!info.Swarm?.ControlAvailable) {
      throw new EngineError(
        "bad-request",
        `the engine at ${this.endpoint} is a Swarm worker; services are managed only on a manager`,
        "point -H/DOCKER_HOST at a manager node (`docker node ls` there lists them), or promote this node with `docker node promote`",
      );
    }
  }

  /** The stack's services and networks on the Swarm, found by the namespace label. */
  async observe(stack: string): Promise<ObservedSwarm> {
    const filters = JSON.stringify({ label: [`${STACK_NAMESPACE_LABEL}=${stack}`] });
    const [services, networks, secrets, configs] = await Promise.all([
      this.client.json<WireService[]>({
        what: "list services",
        method: "GET",
        path: "/services",
        query: { filters },
      }),
      this.client.json<WireNetwork[]>({
        what: "list networks",
        method: "GET",
        path: "/networks",
        query: { filters },
      }),
      this.client.json<WireFileObject[]>({
        what: "list secrets",
        method: "GET",
        path: "/secrets",
        query: { filters },
      }),
      this.client.json<WireFileObject[]>({
        what: "list configs",
        method: "GET",
        path: "/configs",
        query: { filters },
      }),
    ]);
    const fileObjects = (objects: WireFileObject[]) =>
      objects
        .filter((o) => o.Spec.Labels?.[STACK_NAMESPACE_LABEL] === stack)
        .map((o) => ({ id: o.ID, name: o.Spec.Name }));
    return {
      services: services.map((s) => ({
        id: s.ID,
        name: s.Spec.Name,
        version: s.Version.Index,
        spec: s.Spec,
      })),
      networks: networks
        .filter((n) => n.Labels?.[STACK_NAMESPACE_LABEL] === stack)
        .map((n) => ({
          id: n.Id,
          name: n.Name,
          driver: n.Driver,
          labels: n.Labels ?? {},
          options: n.Options ?? {},
          internal: n.Internal ?? false,
          attachable: n.Attachable ?? false,
          enableIpv6: n.EnableIPv6 ?? false,
          ipam: {
            Driver: n.IPAM?.Driver ?? "default",
            Config: n.IPAM?.Config ?? [],
            Options: n.IPAM?.Options ?? {},
          },
        })),
      secrets: fileObjects(secrets),
      configs: fileObjects(configs),
    };
  }

  /** Creates a secret or config (both immutable); returns its id. */
  async createFileObject(kind: "secret" | "config", spec: SwarmFileObjectSpec): Promise<string> {
    const created = await this.client.json<{ ID: string }>({
      what: `create ${kind} ${spec.Name}`,
      method: "POST",
      path: `/${kind}s/create`,
      body: spec,
    });
    return created.ID;
  }

  /** Removes a secret or config; one already gone is fine. */
  async removeFileObject(kind: "secret" | "config", id: string, name: string): Promise<void> {
    try {
      await this.client.json({ what: `remove ${kind} ${name}`, method: "DELETE", path: `/${kind}s/${id}` });
    } catch (error) {
      if (isEngineError(error, "not-found")) return;
      throw error;
    }
  }

  async createNetwork(spec: SwarmNetworkSpec): Promise<void> {
    try {
      await this.client.json({
        what: `create network ${spec.Name}`,
        method: "POST",
        path: "/networks/create",
        body: { ...spec, CheckDuplicate: true },
      });
    } catch (error) {
      throw ipv6PoolRefusal(error, spec.Name, undefined) ?? error;
    }
  }

  /**
   * Retries while tasks that were just removed still hold endpoints on it, then waits until this
   * engine no longer lists it: it keeps its own copy for a moment, and a network created anew
   * under the same name meanwhile is refused as a duplicate.
   */
  async removeNetwork(id: string, name: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.client.json({
          what: `remove network ${name}`,
          method: "DELETE",
          path: `/networks/${id}`,
          ok: [404],
        });
        break;
      } catch (error) {
        if (isEngineError(error, "not-found")) break;
        if (Date.now() > deadline) throw error;
        await sleep(500);
      }
    }
    while (Date.now() < deadline) {
      const left = await this.client.find({
        what: `inspect network ${name}`,
        method: "GET",
        path: `/networks/${id}`,
      });
      if (left === undefined) return;
      await sleep(200);
    }
    throw new EngineError(
      "conflict",
      `network ${name} is still listed on the Swarm after its removal`,
      "something outside the stack may still use it: `docker network inspect` it on each node, then apply again",
    );
  }

  async createService(spec: SwarmServiceSpec): Promise<string> {
    const created = await this.client.json<{ ID: string }>({
      what: `create service ${spec.Name}`,
      method: "POST",
      path: "/services/create",
      body: spec,
      ...(await this.registryAuth(spec)),
    });
    return created.ID;
  }

  /** An update under `version`: a change made since by someone else makes the engine refuse it. */
  async updateService(id: string, version: number, spec: SwarmServiceSpec): Promise<void> {
    try {
      await this.client.json({
        what: `update service ${spec.Name}`,
        method: "POST",
        path: `/services/${id}/update`,
        query: { version },
        body: spec,
        ...(await this.registryAuth(spec)),
      });
    } catch (error) {
      const text = `${(error as Error).message} ${(error as EngineError).raw ?? ""}`;
      if (/update out of sequence/i.test(text)) {
        throw new EngineError(
          "conflict",
          `service ${spec.Name} changed on the Swarm after the plan was made (version ${version} is out of date); nothing of it was changed`,
          "run `stack plan` again to see the change, then apply the new plan",
        );
      }
      throw error;
    }
  }

  /**
   * Builds an image on this manager, as the single engine builds one: a Swarm's nodes then pull it
   * from its registry (see push).
   */
  buildImage(ref: string, build: BuildSpec, onProgress?: (line: string) => void): Promise<void> {
    return buildImage(this.client, ref, build, onProgress);
  }

  /** Pushes an image from this manager to its registry; returns the repository digest. */
  pushImage(ref: string, onProgress?: (line: string) => void): Promise<string> {
    return pushImage(this.client, ref, onProgress, this.env);
  }

  /**
   * The credentials for the service's image, as `docker stack deploy --with-registry-auth` sends
   * them: the manager hands them to the nodes that pull it.
   */
  private async registryAuth(spec: SwarmServiceSpec): Promise<{ registryAuth?: RegistryAuth }> {
    const auth = await credentialsFor(registryOf(spec.TaskTemplate.ContainerSpec.Image), this.env);
    return auth ? { registryAuth: auth } : {};
  }

  async removeService(id: string, name: string): Promise<void> {
    await this.client.json({
      what: `remove service ${name}`,
      method: "DELETE",
      path: `/services/${id}`,
      ok: [404],
    });
  }

  async service(id: string): Promise<SwarmServiceStatus | undefined> {
    const s = await this.client.find<WireService>({
      what: "inspect service",
      method: "GET",
      path: `/services/${id}`,
    });
    if (!s) return undefined;
    return {
      id: s.ID,
      name: s.Spec.Name,
      version: s.Version.Index,
      spec: s.Spec,
      ...(s.UpdateStatus?.State ? { updateState: s.UpdateStatus.State } : {}),
      ...(s.UpdateStatus?.Message ? { updateMessage: s.UpdateStatus.Message } : {}),
    };
  }

  /** Tasks of the given services (all of the stack's when `stack` is given instead). */
  async tasks(scope: { serviceIds?: string[]; stack?: string }): Promise<SwarmTask[]> {
    const filters: Record<string, string[]> = {};
    if (scope.serviceIds) filters.service = scope.serviceIds;
    if (scope.stack) filters.label = [`${STACK_NAMESPACE_LABEL}=${scope.stack}`];
    if (scope.serviceIds?.length === 0) return [];
    const [tasks, nodes] = await Promise.all([
      this.client.json<WireTask[]>({
        what: "list tasks",
        method: "GET",
        path: "/tasks",
        query: { filters: JSON.stringify(filters) },
      }),
      this.nodeNames(),
    ]);
    return tasks.map((t) => ({
      id: t.ID,
      serviceId: t.ServiceID,
      node: (t.NodeID && nodes.get(t.NodeID)) ?? t.NodeID ?? "",
      ...(t.Slot !== undefined ? { slot: t.Slot } : {}),
      desiredState: t.DesiredState,
      state: t.Status.State,
      message: t.Status.Message ?? "",
      ...(t.Status.Err ? { error: t.Status.Err } : {}),
      ...(t.Status.Timestamp ? { updatedAt: t.Status.Timestamp } : {}),
      containerSpec: JSON.stringify(t.Spec?.ContainerSpec ?? {}),
    }));
  }

  /**
   * `docker service logs` of several services at once, line by line, tagged with the service
   * name: the manager gathers each task's log from its node.
   */
  async logs(
    services: { id: string; name: string }[],
    options: LogOptions,
    onLine: (service: string, line: string, stream: LogStream) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    await Promise.all(
      services.map(async ({ id, name }) => {
        const stream = await this.client.stream({
          what: `read logs of service ${name}`,
          method: "GET",
          path: `/services/${id}/logs`,
          query: logQuery(options),
          ...(signal ? { signal } : {}),
        });
        // Stackform never gives a service a TTY: the stream is always multiplexed.
        await readLogLines(this.client, stream, false, (line, which) => onLine(name, line, which), signal);
      }),
    );
  }

  /** The names of every service on the Swarm, of any stack or none, attached to `networkId`. */
  async servicesOn(networkId: string): Promise<string[]> {
    const services = await this.client.json<WireService[]>({
      what: "list services",
      method: "GET",
      path: "/services",
    });
    return services
      .filter((s) => s.Spec.TaskTemplate.Networks?.some((n) => n.Target === networkId))
      .map((s) => s.Spec.Name);
  }

  /** Every stack on the Swarm, by the namespace label, with its services and running tasks. */
  async listStacks(): Promise<SwarmStackSummary[]> {
    const filters = JSON.stringify({ label: [STACK_NAMESPACE_LABEL] });
    const [services, tasks] = await Promise.all([
      this.client.json<WireService[]>({
        what: "list services",
        method: "GET",
        path: "/services",
        query: { filters },
      }),
      this.client.json<WireTask[]>({
        what: "list tasks",
        method: "GET",
        path: "/tasks",
        query: { filters: JSON.stringify({ label: [STACK_NAMESPACE_LABEL], "desired-state": ["running"] }) },
      }),
    ]);
    const stacks = new Map<string, SwarmStackSummary>();
    const stackOf = new Map<string, SwarmStackSummary>();
    for (const service of services) {
      const name = service.Spec.Labels?.[STACK_NAMESPACE_LABEL];
      if (!name) continue;
      const summary = stacks.get(name) ?? { name, services: 0, desiredTasks: 0, runningTasks: 0 };
      summary.services++;
      stacks.set(name, summary);
      stackOf.set(service.ID, summary);
    }
    for (const task of tasks) {
      const summary = stackOf.get(task.ServiceID);
      if (!summary) continue;
      summary.desiredTasks++;
      if (task.Status.State === "running") summary.runningTasks++;
    }
    return [...stacks.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private async nodeNames(): Promise<Map<string, string>> {
    const nodes = await this.client.json<WireNode[]>({ what: "list nodes", method: "GET", path: "/nodes" });
    return new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
