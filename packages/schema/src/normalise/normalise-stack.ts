import { resolve } from "node:path";
import { checkServiceReferences } from "../check/dependency-graph.js";
import { PortRegistry } from "../check/port-registry.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { isFile } from "../load/is-file.js";
import type {
  DesiredFileObject,
  DesiredNetwork,
  DesiredService,
  DesiredStack,
  DesiredVolume,
  Ipam,
} from "../model/desired-stack.js";
import type { ConfigInput, NetworkInput, ServiceInput, VolumeInput } from "../schema/stack-file-schema.js";
import { isActive, keyValues, type NormaliseContext, sortedRecord } from "./normalise-context.js";
import { fileObjectValue } from "./normalise-mounts.js";
import { DEFAULT_NETWORK } from "./normalise-networking.js";
import { normaliseService } from "./normalise-service.js";

const stringRecord = (input: Record<string, string | number> | undefined): Record<string, string> =>
  sortedRecord(Object.entries(input ?? {}).map(([k, v]) => [k, String(v)]));

function engineName(
  key: string,
  input: { name?: string | undefined; external?: boolean | undefined } | null,
  stack: string,
) {
  if (input?.name) return input.name;
  return input?.external ? key : `${stack}_${key}`;
}

/**
 * `enable_ipv6` without an IPv6 subnet asks the engine for a default IPv6 pool, which dockerd has
 * only when its `default-address-pools` name one: a warning, not an error, as Compose passes it on.
 */
function checkIpv6Subnet(key: string, network: DesiredNetwork, sink: DiagnosticSink): void {
  if (!network.enableIpv6 || network.external) return;
  if (network.ipam?.config.some((c) => c.subnet?.includes(":"))) return;
  sink.warning({
    code: "ipv6-without-subnet",
    message: `network ${key} sets enable_ipv6 but no IPv6 subnet; the engine refuses it unless its default-address-pools include an IPv6 pool`,
    hint: `add an IPv6 subnet to networks.${key}.ipam.config, e.g. \`- subnet: fd00:1::/64\``,
    path: ["networks", key, "enable_ipv6"],
    anchor: "key",
  });
}

function normaliseNetwork(key: string, input: NetworkInput | null, stack: string): DesiredNetwork {
  const network: DesiredNetwork = {
    key,
    name: engineName(key, input, stack),
    external: input?.external ?? false,
    driver: input?.driver ?? "bridge",
    driverOpts: stringRecord(input?.driver_opts),
    internal: input?.internal ?? false,
    attachable: input?.attachable ?? false,
    enableIpv6: input?.enable_ipv6 ?? false,
    labels: sortedRecord(keyValues(input?.labels, () => "")),
  };
  if (input?.ipam) {
    const ipam: Ipam = {
      config: (input.ipam.config ?? []).map((c) => {
        const entry: Ipam["config"][number] = {};
        if (c.subnet !== undefined) entry.subnet = c.subnet;
        if (c.ip_range !== undefined) entry.ipRange = c.ip_range;
        if (c.gateway !== undefined) entry.gateway = c.gateway;
        return entry;
      }),
      options: stringRecord(input.ipam.options),
    };
    if (input.ipam.driver !== undefined) ipam.driver = input.ipam.driver;
    network.ipam = ipam;
  }
  return network;
}

function normaliseVolume(key: string, input: VolumeInput | null, stack: string): DesiredVolume {
  return {
    key,
    name: engineName(key, input, stack),
    external: input?.external ?? false,
    driver: input?.driver ?? "local",
    driverOpts: stringRecord(input?.driver_opts),
    labels: sortedRecord(keyValues(input?.labels, () => "")),
  };
}

const VALUE_KEYS = { secrets: ["file", "environment"], configs: ["file", "environment", "content"] } as const;

/** Where a secret's or config's value comes from: exactly one of its value keys. */
function normaliseFileObject(
  kind: "secrets" | "configs",
  key: string,
  input: ConfigInput,
  ctx: NormaliseContext,
): DesiredFileObject | undefined {
  const path = [kind, key];
  const given = VALUE_KEYS[kind].filter((k) => input[k] !== undefined);
  const keys = VALUE_KEYS[kind]
    .map((k) => `\`${k}:\``)
    .join(", ")
    .replace(/, ([^,]*)$/, " or $1");
  if (given.length !== 1) {
    ctx.sink.error({
      code: given.length === 0 ? "missing-key" : "conflicting-keys",
      message:
        given.length === 0
          ? `${kind}.${key} says nowhere where its value comes from`
          : `${kind}.${key} gives its value with ${given.map((k) => `\`${k}:\``).join(" and ")}; it takes one`,
      hint: `give exactly one of ${keys}`,
      path,
    });
    return undefined;
  }
  if (input.file !== undefined) {
    const file = resolve(ctx.workingDir, input.file);
    if (!isFile(file)) {
      ctx.sink.error({
        code: "file-not-found",
        message: `${kind}.${key}: ${input.file} is not a file (looked for ${file})`,
        hint: "create the file or fix the path; it is relative to the stack file",
        path: [...path, "file"],
      });
    }
    return { key, file };
  }
  if (input.content !== undefined) return { key, value: input.content };
  const name = input.environment ?? "";
  const value = fileObjectValue(input, ctx.lookup);
  if (value === undefined) {
    // Like `${NAME:?}`: a secret that silently became an empty file would be worse than no start.
    ctx.sink.error({
      code: "missing-variable",
      message: `${kind}.${key} takes its value from the variable ${name}, which is not set`,
      hint: `set ${name} in the environment or in .env`,
      path: [...path, "environment"],
    });
    return { key, environment: name };
  }
  return { key, environment: name, value };
}

function normaliseFileObjects(
  kind: "secrets" | "configs",
  ctx: NormaliseContext,
): Record<string, DesiredFileObject> {
  const entries: [string, DesiredFileObject][] = [];
  for (const [key, input] of Object.entries(ctx.file[kind] ?? {})) {
    if (ctx.invalid([kind, key])) continue;
    const object = normaliseFileObject(kind, key, input, ctx);
    if (object) entries.push([key, object]);
  }
  return sortedRecord(entries);
}

function withoutInvalidKeys(
  service: ServiceInput,
  path: (string | number)[],
  ctx: NormaliseContext,
): ServiceInput {
  const usable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(service)) if (!ctx.invalid([...path, key])) usable[key] = value;
  return usable as ServiceInput;
}

/** The validated, merged stack file in canonical form, with cross-reference checks. */
export function normaliseStack(ctx: NormaliseContext, workingDir: string, files: string[]): DesiredStack {
  const ports = new PortRegistry(ctx.sink);
  const declaredServices = ctx.file.services ?? {};
  const services: [string, DesiredService][] = [];
  const inactive = new Set<string>();
  for (const name of Object.keys(declaredServices).sort()) {
    const input = declaredServices[name];
    if (!input || typeof input !== "object" || Array.isArray(input)) continue;
    const partial = ctx.invalid(["services", name]);
    // A service with errors is still normalised without its broken keys, so its references are
    // checked too and every problem is reported at once; the stack is not returned anyway.
    const usable = partial ? withoutInvalidKeys(input, ["services", name], ctx) : input;
    if (!isActive(usable.profiles, ctx.profiles)) inactive.add(name);
    else services.push([name, normaliseService(name, usable, ctx, ports, partial)]);
  }
  const serviceRecord = sortedRecord(services);
  checkServiceReferences(serviceRecord, declaredServices, inactive, ctx.sink);

  const networks: [string, DesiredNetwork][] = [];
  for (const [key, input] of Object.entries(ctx.file.networks ?? {})) {
    if (ctx.invalid(["networks", key])) continue;
    const network = normaliseNetwork(key, input, ctx.stackName);
    checkIpv6Subnet(key, network, ctx.sink);
    networks.push([key, network]);
  }
  const usesDefault = services.some(([, service]) => DEFAULT_NETWORK in service.networks);
  if (usesDefault && !networks.some(([key]) => key === DEFAULT_NETWORK)) {
    networks.push([DEFAULT_NETWORK, normaliseNetwork(DEFAULT_NETWORK, null, ctx.stackName)]);
  }
  const volumes: [string, DesiredVolume][] = [];
  for (const [key, input] of Object.entries(ctx.file.volumes ?? {})) {
    if (!ctx.invalid(["volumes", key])) volumes.push([key, normaliseVolume(key, input, ctx.stackName)]);
  }
  return {
    name: ctx.stackName,
    workingDir,
    files,
    services: serviceRecord,
    networks: sortedRecord(networks),
    volumes: sortedRecord(volumes),
    secrets: normaliseFileObjects("secrets", ctx),
    configs: normaliseFileObjects("configs", ctx),
  };
}
