import type {
  BuildSpec,
  ContainerSpec,
  EndpointOptions,
  NetworkSpec,
  ObservedState,
  Resources,
  RestartPolicy,
  StackInventory,
  VolumeSpec,
} from "@stackform/schema/contract";
import type { ConnectionFlags } from "./connection/resolve-connection.js";
import { connectClient } from "./docker/connect-client.js";
import { containerLogs } from "./docker/container-logs.js";
import { containerTop } from "./docker/container-top.js";
import * as containers from "./docker/containers.js";
import { copyToContainer } from "./docker/copy-to-container.js";
import type { EngineClient } from "./docker/engine-client.js";
import { execInContainer } from "./docker/exec.js";
import { imageDetails } from "./docker/image-details.js";
import { buildImage, pullImage } from "./docker/images.js";
import { listStacks } from "./docker/list-stacks.js";
import { acquireLock, releaseLock, writeStackMeta } from "./docker/marker-containers.js";
import * as objects from "./docker/networks-and-volumes.js";
import { observeState } from "./docker/observe-state.js";
import { removeNetwork } from "./docker/remove-network.js";
import { restartContainer } from "./docker/restart-container.js";
import { runAttached } from "./docker/run-attached.js";
import { stackInventory } from "./docker/stack-inventory.js";
import type {
  ContainerFile,
  ContainerProcesses,
  ContainerStatus,
  Engine,
  EngineInfo,
  ExecOptions,
  ImageDetails,
  LockHolder,
  LockResult,
  LogOptions,
  LogStream,
  ObserveScope,
  ProcessIO,
  PullOptions,
  StackMeta,
  StackSummary,
} from "./engine.js";

/** The Engine over the Docker Engine API. Each method is one small module under docker/. */
export class DockerEngine implements Engine {
  private constructor(
    private readonly client: EngineClient,
    private readonly dispose: () => Promise<void>,
  ) {}

  static async connect(
    flags: ConnectionFlags = {},
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<DockerEngine> {
    const { client, dispose } = await connectClient(flags, env);
    return new DockerEngine(client, dispose);
  }

  get endpoint(): string {
    return this.client.endpoint;
  }

  get requestCount(): number {
    return this.client.requestCount;
  }

  async info(): Promise<EngineInfo> {
    const version = await this.client.json<{ Version: string; ApiVersion: string; Os: string }>({
      what: "read the engine version",
      method: "GET",
      path: "/version",
    });
    return {
      endpoint: this.endpoint,
      serverVersion: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
    };
  }

  observe(stack: string, wanted?: ObserveScope): Promise<ObservedState> {
    return observeState(this.client, stack, wanted);
  }

  inventory(stack: string): Promise<StackInventory> {
    return stackInventory(this.client, stack);
  }

  pullImage(ref: string, onProgress?: (line: string) => void, options?: PullOptions): Promise<void> {
    return pullImage(this.client, ref, onProgress, options);
  }

  buildImage(ref: string, build: BuildSpec, onProgress?: (line: string) => void): Promise<void> {
    return buildImage(this.client, ref, build, onProgress);
  }

  createNetwork(spec: NetworkSpec): Promise<void> {
    return objects.createNetwork(this.client, spec);
  }

  removeNetwork(name: string): Promise<void> {
    return removeNetwork(this.client, name);
  }

  connectNetwork(container: string, network: string, endpoint: EndpointOptions): Promise<void> {
    return containers.connectNetwork(this.client, container, network, endpoint);
  }

  disconnectNetwork(container: string, network: string): Promise<void> {
    return containers.disconnectNetwork(this.client, container, network);
  }

  createVolume(spec: VolumeSpec): Promise<void> {
    return objects.createVolume(this.client, spec);
  }

  removeVolume(name: string): Promise<void> {
    return objects.removeVolume(this.client, name);
  }

  createContainer(spec: ContainerSpec): Promise<string> {
    return containers.createContainer(this.client, spec);
  }

  startContainer(name: string): Promise<void> {
    return containers.startContainer(this.client, name);
  }

  stopContainer(name: string, timeoutSeconds?: number): Promise<void> {
    return containers.stopContainer(this.client, name, timeoutSeconds);
  }

  removeContainer(name: string, options?: { keepVolumes?: boolean }): Promise<void> {
    return containers.removeContainer(this.client, name, options);
  }

  renameContainer(name: string, newName: string): Promise<void> {
    return containers.renameContainer(this.client, name, newName);
  }

  updateContainer(name: string, update: { restart?: RestartPolicy; resources?: Resources }): Promise<void> {
    return containers.updateContainer(this.client, name, update);
  }

  containerStatus(name: string): Promise<ContainerStatus> {
    return containers.containerStatus(this.client, name);
  }

  logs(
    names: string[],
    options: LogOptions,
    onLine: (container: string, line: string, stream: LogStream) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    return containerLogs(this.client, names, options, onLine, signal);
  }

  exec(container: string, options: ExecOptions, io: ProcessIO): Promise<number> {
    return execInContainer(this.client, container, options, io);
  }

  runAttached(spec: ContainerSpec, io: ProcessIO): Promise<number> {
    return runAttached(this.client, spec, io);
  }

  restartContainer(name: string, timeoutSeconds?: number): Promise<void> {
    return restartContainer(this.client, name, timeoutSeconds);
  }

  copyToContainer(container: string, files: readonly ContainerFile[]): Promise<void> {
    return copyToContainer(this.client, container, files);
  }

  top(container: string): Promise<ContainerProcesses> {
    return containerTop(this.client, container);
  }

  imageDetails(ref: string): Promise<ImageDetails | undefined> {
    return imageDetails(this.client, ref);
  }

  acquireLock(stack: string, holder: LockHolder): Promise<LockResult> {
    return acquireLock(this.client, stack, holder);
  }

  releaseLock(stack: string): Promise<void> {
    return releaseLock(this.client, stack);
  }

  listStacks(): Promise<StackSummary[]> {
    return listStacks(this.client);
  }

  writeStackMeta(stack: string, meta: StackMeta): Promise<void> {
    return writeStackMeta(this.client, stack, meta);
  }

  close(): Promise<void> {
    return this.dispose();
  }
}
