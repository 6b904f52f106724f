import type { PortRegistry } from "../check/port-registry.js";
import type { DesiredService, NetworkMode } from "../model/desired-stack.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { isSensitiveKey } from "../sensitive.js";
import { hostEntries, normaliseBuild, normaliseImageOptions } from "./normalise-build.js";
import type { NormaliseContext } from "./normalise-context.js";
import { normaliseRollout } from "./normalise-deploy.js";
import { normaliseDevelop } from "./normalise-develop.js";
import { normaliseEnvironment } from "./normalise-environment.js";
import { normaliseHooks } from "./normalise-hooks.js";
import { normaliseHostOptions } from "./normalise-host.js";
import { normaliseLabels } from "./normalise-labels.js";
import { normaliseMounts } from "./normalise-mounts.js";
import { normaliseServiceNetworks } from "./normalise-networking.js";
import { normaliseExpose, normalisePorts } from "./normalise-ports.js";
import {
  normaliseCommand,
  normaliseDependsOn,
  normaliseHealthcheck,
  normaliseReplicas,
  normaliseResources,
  normaliseRestart,
  normaliseStopGracePeriod,
} from "./normalise-runtime.js";

/** The engine refuses published ports in another container's network and ignores them with host networking. */
function checkPortsWithNetworkMode(
  name: string,
  mode: NetworkMode,
  ports: number,
  ctx: NormaliseContext,
): void {
  if (ports === 0 || mode.kind === "bridge") return;
  const problem = {
    code: "ports-with-network-mode",
    message: `services.${name} publishes ports but uses network_mode ${mode.kind === "service" ? `service:${mode.service}` : mode.kind}`,
    hint:
      mode.kind === "service"
        ? `publish the ports on services.${mode.service}, whose network this service shares`
        : "remove `ports:`; with this network mode nothing is published",
    path: ["services", name, "ports"],
    anchor: "key" as const,
  };
  if (mode.kind === "host") ctx.sink.warning(problem);
  else ctx.sink.error(problem);
}

/** One service in canonical form; cross-service checks happen in the stack normaliser. */
export function normaliseService(
  name: string,
  service: ServiceInput,
  ctx: NormaliseContext,
  ports: PortRegistry,
  /** The service had errors and comes without its broken keys: a missing image is no news. */
  partial = false,
): DesiredService {
  const path = ["services", name];
  if (service.image === undefined && service.build === undefined && !partial) {
    ctx.sink.error({
      code: "missing-image",
      message: `services.${name} has neither \`image\` nor \`build\``,
      hint: "add `image: <reference>` to run an image, or `build: <directory>` to build one",
      path,
      anchor: "key",
    });
  }
  if (service.privileged) {
    ctx.sink.warning({
      code: "privileged",
      message: `services.${name} runs privileged: it has full access to the host`,
      hint: "prefer cap_add with the few capabilities it needs",
      path: [...path, "privileged"],
    });
  }
  const replicas = normaliseReplicas(service, path, ctx);
  if (service.container_name !== undefined && replicas > 1) {
    ctx.sink.error({
      code: "container-name-with-replicas",
      message: `services.${name} sets container_name and has ${replicas} replicas; container names are unique`,
      hint: "remove container_name, or run one replica",
      path: [...path, "container_name"],
    });
  }
  const { environment, sensitiveKeys } = normaliseEnvironment(service, path, ctx);
  const portOrigins = normalisePorts(service, path, ctx);
  for (const origin of portOrigins) ports.claim(name, origin.binding, replicas, origin.path);
  const { networks, networkMode } = normaliseServiceNetworks(service, path, ctx);
  if (networkMode) checkPortsWithNetworkMode(name, networkMode, portOrigins.length, ctx);
  const build = normaliseBuild(service, path, ctx);

  const desired: DesiredService = {
    name,
    image: service.image ?? `${ctx.stackName}-${name}`,
    ...normaliseImageOptions(service, path, ctx),
    environment,
    // The one place the secret-key rule is applied: everything downstream reads this list.
    sensitiveKeys: [
      ...new Set([...sensitiveKeys, ...Object.keys(build?.args ?? {}).filter(isSensitiveKey)]),
    ].sort(),
    ports: portOrigins.map((origin) => origin.binding),
    expose: normaliseExpose(service, path, ctx),
    ...normaliseMounts(service, path, ctx),
    networks,
    dependsOn: normaliseDependsOn(service),
    restart: normaliseRestart(service),
    resources: normaliseResources(service, path, ctx),
    replicas,
    labels: normaliseLabels(service, path, ctx),
    extraHosts: service.extra_hosts === undefined ? [] : hostEntries(service.extra_hosts),
    dns: service.dns === undefined ? [] : typeof service.dns === "string" ? [service.dns] : [...service.dns],
    capAdd: [...(service.cap_add ?? [])],
    capDrop: [...(service.cap_drop ?? [])],
    privileged: service.privileged ?? false,
    readOnly: service.read_only ?? false,
    tty: service.tty ?? false,
    stdinOpen: service.stdin_open ?? false,
    profiles: [...(service.profiles ?? [])],
    ...normaliseHostOptions(service),
  };
  if (build) desired.build = build;
  // Its socket bind is one of the mounts (normaliseMounts).
  if (service.use_api_socket) desired.useApiSocket = true;
  const command = normaliseCommand(service.command, [...path, "command"], ctx);
  const entrypoint = normaliseCommand(service.entrypoint, [...path, "entrypoint"], ctx);
  if (command) desired.command = command;
  if (entrypoint) desired.entrypoint = entrypoint;
  if (networkMode) desired.networkMode = networkMode;
  const healthcheck = normaliseHealthcheck(service, path, ctx);
  if (healthcheck) desired.healthcheck = healthcheck;
  const hooks = normaliseHooks(service, path, ctx);
  if (hooks) desired.hooks = hooks;
  const watch = normaliseDevelop(name, service, path, ctx);
  if (watch) desired.watch = watch;
  if (service.init !== undefined) desired.init = service.init;
  if (service.user !== undefined) desired.user = String(service.user);
  if (service.working_dir !== undefined) desired.workingDir = service.working_dir;
  if (service.hostname !== undefined) desired.hostname = service.hostname;
  if (service.stop_signal !== undefined) desired.stopSignal = service.stop_signal;
  const stopGracePeriod = normaliseStopGracePeriod(service);
  if (stopGracePeriod !== undefined) desired.stopGracePeriod = stopGracePeriod;
  if (service.container_name !== undefined) desired.containerName = service.container_name;
  Object.assign(desired, normaliseRollout(service));
  return desired;
}
