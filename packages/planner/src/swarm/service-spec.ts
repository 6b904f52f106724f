import {
  type DesiredService,
  type DesiredStack,
  STACK_IMAGE_LABEL,
  STACK_NAMESPACE_LABEL,
  type SwarmServiceExtras,
  type SwarmServiceSpec,
  type SwarmUpdateConfig,
  type UpdateConfig,
} from "@stackform/schema/contract";
import { compareText } from "../util/compare.js";
import type { ServiceFiles } from "./file-objects.js";

/** `<stack>_<service>`, as `docker stack deploy` names a service. */
export const swarmServiceName = (stack: string, service: string): string => `${stack}_${service}`;

const sortedRecord = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));

/**
 * The Engine API spec of one service, as `docker stack deploy` would make it from the same file:
 * `command` becomes the container's Args and `entrypoint` its Command, every object carries the
 * namespace label, and networks are attached by their engine name with the service key as alias.
 */
export function buildSwarmServiceSpec(
  stack: DesiredStack,
  service: DesiredService,
  extras: SwarmServiceExtras,
  files: ServiceFiles = { secrets: [], configs: [], replacedBinds: new Set() },
): SwarmServiceSpec {
  const namespace = { [STACK_NAMESPACE_LABEL]: stack.name };
  const containerSpec: SwarmServiceSpec["TaskTemplate"]["ContainerSpec"] = {
    Image: service.image,
    Labels: sortedRecord({ ...service.labels, ...namespace }),
  };
  if (service.entrypoint) containerSpec.Command = service.entrypoint;
  if (service.command) containerSpec.Args = service.command;
  if (service.hostname) containerSpec.Hostname = service.hostname;
  const env = Object.entries(service.environment).map(([k, v]) => `${k}=${v}`);
  if (env.length > 0) containerSpec.Env = env;
  if (service.workingDir) containerSpec.Dir = service.workingDir;
  if (service.user) containerSpec.User = service.user;
  if (service.init !== undefined) containerSpec.Init = service.init;
  if (service.stopSignal) containerSpec.StopSignal = service.stopSignal;
  if (service.stopGracePeriod !== undefined) containerSpec.StopGracePeriod = service.stopGracePeriod;
  if (service.readOnly) containerSpec.ReadOnly = true;
  if (service.healthcheck) {
    const h = service.healthcheck;
    containerSpec.Healthcheck = {
      Test: h.test,
      ...(h.interval !== undefined ? { Interval: h.interval } : {}),
      ...(h.timeout !== undefined ? { Timeout: h.timeout } : {}),
      ...(h.startPeriod !== undefined ? { StartPeriod: h.startPeriod } : {}),
      ...(h.retries !== undefined ? { Retries: h.retries } : {}),
    };
  }
  const mounts = service.mounts.flatMap((m) => {
    if (m.type === "volume") {
      const source = m.source === undefined ? undefined : (stack.volumes[m.source]?.name ?? m.source);
      return [
        { Type: "volume", ...(source ? { Source: source } : {}), Target: m.target, ReadOnly: m.readOnly },
      ];
    }
    if (m.type === "bind")
      return files.replacedBinds.has(m.source)
        ? []
        : [{ Type: "bind", Source: m.source, Target: m.target, ReadOnly: m.readOnly }];
    return [{ Type: "tmpfs", Target: m.target }];
  });
  if (mounts.length > 0) containerSpec.Mounts = mounts;
  if (files.secrets.length > 0) containerSpec.Secrets = files.secrets;
  if (files.configs.length > 0) containerSpec.Configs = files.configs;

  const spec: SwarmServiceSpec = {
    Name: swarmServiceName(stack.name, service.name),
    // As `docker stack deploy` labels it, so either tool's deploy plans clean with the other's.
    Labels: sortedRecord({ ...extras.labels, ...namespace, [STACK_IMAGE_LABEL]: service.image }),
    TaskTemplate: { ContainerSpec: containerSpec },
    Mode: extras.mode === "global" ? { Global: {} } : { Replicated: { Replicas: service.replicas } },
  };

  const limits = {
    ...(service.resources.nanoCpus !== undefined ? { NanoCPUs: service.resources.nanoCpus } : {}),
    ...(service.resources.memoryLimit !== undefined ? { MemoryBytes: service.resources.memoryLimit } : {}),
    ...(service.resources.pidsLimit !== undefined ? { Pids: service.resources.pidsLimit } : {}),
  };
  const reservations = {
    ...(extras.cpuReservation !== undefined ? { NanoCPUs: extras.cpuReservation } : {}),
    ...(service.resources.memoryReservation !== undefined
      ? { MemoryBytes: service.resources.memoryReservation }
      : {}),
  };
  if (Object.keys(limits).length + Object.keys(reservations).length > 0) {
    spec.TaskTemplate.Resources = {
      ...(Object.keys(limits).length > 0 ? { Limits: limits } : {}),
      ...(Object.keys(reservations).length > 0 ? { Reservations: reservations } : {}),
    };
  }
  // Swarm's default (restart on any exit) keeps the replica count; only on-failure says more.
  if (service.restart.name === "on-failure") {
    spec.TaskTemplate.RestartPolicy = {
      Condition: "on-failure",
      ...(service.restart.maximumRetryCount > 0 ? { MaxAttempts: service.restart.maximumRetryCount } : {}),
    };
  }
  if (extras.placement) {
    const p = extras.placement;
    spec.TaskTemplate.Placement = {
      ...(p.constraints.length > 0 ? { Constraints: p.constraints } : {}),
      ...(p.preferences.length > 0
        ? { Preferences: p.preferences.map((d) => ({ Spread: { SpreadDescriptor: d } })) }
        : {}),
      ...(p.maxReplicas !== undefined ? { MaxReplicas: p.maxReplicas } : {}),
    };
  }
  if (service.platform !== undefined) {
    // Only nodes of that platform run its tasks, as a single engine runs the image for it.
    const [os = "", architecture = ""] = service.platform.split("/");
    spec.TaskTemplate.Placement = {
      ...spec.TaskTemplate.Placement,
      Platforms: [{ OS: os, Architecture: architecture }],
    };
  }
  const networks = Object.entries(service.networks)
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, net]) => ({
      Target: stack.networks[key]?.name ?? swarmServiceName(stack.name, key),
      Aliases: [service.name, ...net.aliases],
    }));
  if (networks.length > 0) spec.TaskTemplate.Networks = networks;
  if (service.updateConfig) spec.UpdateConfig = swarmUpdateConfig(service.updateConfig);
  if (service.rollbackConfig) spec.RollbackConfig = swarmUpdateConfig(service.rollbackConfig);
  const ports = service.ports.map((p) => ({
    Protocol: p.protocol,
    TargetPort: p.target,
    ...(p.published !== undefined ? { PublishedPort: p.published } : {}),
    PublishMode: extras.portModes[`${p.target}/${p.protocol}`] ?? ("ingress" as const),
  }));
  if (extras.endpointMode || ports.length > 0) {
    spec.EndpointSpec = {
      ...(extras.endpointMode ? { Mode: extras.endpointMode } : {}),
      ...(ports.length > 0 ? { Ports: ports } : {}),
    };
  }
  return spec;
}

function swarmUpdateConfig(c: UpdateConfig): SwarmUpdateConfig {
  return {
    ...(c.parallelism !== undefined ? { Parallelism: c.parallelism } : {}),
    ...(c.delay !== undefined ? { Delay: c.delay } : {}),
    ...(c.failureAction !== undefined ? { FailureAction: c.failureAction } : {}),
    ...(c.monitor !== undefined ? { Monitor: c.monitor } : {}),
    ...(c.maxFailureRatio !== undefined ? { MaxFailureRatio: c.maxFailureRatio } : {}),
    ...(c.order !== undefined ? { Order: c.order } : {}),
  };
}
