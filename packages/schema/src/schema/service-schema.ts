import * as z from "zod";
import { failed, type Parsed, parsed } from "../parse/parsed.js";
import { parsePlatform } from "../parse/platform.js";
import { parsePullPolicy, parseRefreshInterval } from "../parse/pull-policy.js";
import { buildSchema } from "./build-schema.js";
import { composeObject, DESKTOP_MODELS, OUT_OF_SCOPE, SWARM_ONLY } from "./compose-object.js";
import { deploySchema, stackformExtensionSchema } from "./deploy-schema.js";
import { developSchema } from "./develop-schema.js";
import { healthcheckSchema } from "./healthcheck-schema.js";
import { hooksSchema } from "./hook-schema.js";
import {
  blkioConfigSchema,
  cpusetSchema,
  deviceSchema,
  ipcSchema,
  linksSchema,
  loggingSchema,
  macAddressSchema,
  microsecondsSchema,
  oomScoreAdjSchema,
  pidSchema,
  swappinessSchema,
  ulimitsSchema,
  usernsModeSchema,
  utsSchema,
  volumesFromSchema,
} from "./host-schemas.js";
import { serviceVolumeSchema, tmpfsEntrySchema } from "./mount-schema.js";
import { exposeSchema, portSchema } from "./port-schema.js";
import {
  byteSizeSchema,
  checked,
  cpusSchema,
  durationSchema,
  listOrDict,
  nonNegativeInt,
  restartSchema,
  stringOrList,
} from "./value-schemas.js";

function checkNetworkMode(value: string): Parsed<string> {
  if (["bridge", "host", "none"].includes(value)) return parsed(value);
  if (/^service:[^:]+$/.test(value)) return parsed(value);
  if (value.startsWith("container:")) {
    return failed(
      "network_mode container:<id> is not supported",
      "use service:<name> to share the network of a service in this stack",
    );
  }
  return failed(`"${value}" is not a network mode`, "use bridge, host, none or service:<name>");
}

// The endpoint settings of Engine API 1.41; newer ones are refused with the version they need.
const serviceNetworkSchema = composeObject(
  {
    aliases: z.array(z.string()).optional(),
    ipv4_address: z.string().optional(),
    ipv6_address: z.string().optional(),
    link_local_ips: z.array(z.string()).optional(),
    driver_opts: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    // Only orders the connections (the highest is joined at create), as Compose does.
    priority: z.number().int().optional(),
  },
  {
    mac_address:
      "a per-network MAC address needs Engine API 1.44 (Docker 25); Stackform speaks 1.41: set the service's `mac_address` instead",
    gw_priority: "gateway priority needs Engine API 1.48 (Docker 28); Stackform speaks 1.41",
    interface_name: "naming the interface needs Engine API 1.49 (Docker 28.1); Stackform speaks 1.41",
  },
);

const dependencySchema = composeObject({
  condition: z.enum(["service_started", "service_healthy", "service_completed_successfully"]).optional(),
  restart: z.boolean().optional(),
  required: z.boolean().optional(),
});

// `uid`, `gid` and `mode` apply to values copied in (`environment:`, `content:`); the normaliser
// refuses them for a `file:` bind, whose owner and mode are the file's own.
const fileObjectReference = z.union([
  z.string(),
  composeObject({
    source: z.string(),
    target: z.string().optional(),
    uid: z.union([z.string(), z.number()]).optional(),
    gid: z.union([z.string(), z.number()]).optional(),
    mode: z.union([z.number(), z.string()]).optional(),
  }),
]);

const envFileSchema = z.union([
  z.string(),
  z.array(
    z.union([
      z.string(),
      composeObject({ path: z.string(), required: z.boolean().optional() }, { format: OUT_OF_SCOPE }),
    ]),
  ),
]);

const commandSchema = z.union([z.string(), z.array(z.string()), z.null()]);

/** Checked by `parsePullPolicy`; the JSON Schema lists the names for editors, as Compose's does. */
const pullPolicySchema = checked(z.string(), parsePullPolicy, "invalid-pull-policy").meta({
  anyOf: [
    { enum: ["always", "never", "missing", "build", "if_not_present", "daily", "weekly", "refresh"] },
    { type: "string", pattern: "^every_([0-9]+[wdhms])+$" },
  ],
});

const UNSUPPORTED_SERVICE_KEYS: Record<string, string> = {
  stop_grace_period_seconds: OUT_OF_SCOPE,
  isolation: "isolation modes are a Windows engine setting; remove it for Linux containers",
  cpu_count: "the engine honours CPU counts on Windows only; on Linux use `cpus` or `cpuset`",
  cpu_percent: "the engine honours CPU percentages on Windows only (Linux discards them); use `cpus`",
  credential_spec: "credential specs (gMSA) are for Windows containers; remove it",
  gpus: "GPUs need a GPU runtime (NVIDIA container toolkit) on the engine, and this engine has none",
  annotations: "container annotations need Engine API 1.43 (Docker 24); Stackform speaks 1.41",
  models: DESKTOP_MODELS,
  provider: "providers are a Docker Desktop extension point; the engine cannot run them",
  driver_opts: OUT_OF_SCOPE,
  volume_driver: OUT_OF_SCOPE,
  configs_from: SWARM_ONLY,
};

export const serviceSchema = composeObject(
  {
    image: z.string().optional(),
    build: buildSchema.optional(),
    pull_policy: pullPolicySchema.optional(),
    pull_refresh_after: checked(z.string(), parseRefreshInterval, "invalid-refresh-interval").optional(),
    platform: checked(z.string(), parsePlatform, "invalid-platform").optional(),
    command: commandSchema.optional(),
    entrypoint: commandSchema.optional(),
    environment: listOrDict.optional(),
    env_file: envFileSchema.optional(),
    ports: z.array(portSchema).optional(),
    expose: z.array(exposeSchema).optional(),
    volumes: z.array(serviceVolumeSchema).optional(),
    tmpfs: z.union([tmpfsEntrySchema, z.array(tmpfsEntrySchema)]).optional(),
    networks: z
      .union([z.array(z.string()), z.record(z.string(), serviceNetworkSchema.nullable())])
      .optional(),
    network_mode: checked(z.string(), checkNetworkMode, "invalid-network-mode").optional(),
    depends_on: z.union([z.array(z.string()), z.record(z.string(), dependencySchema)]).optional(),
    healthcheck: healthcheckSchema.optional(),
    // Run in the container by the applier, not part of its configuration: no recreate on change.
    post_start: hooksSchema.optional(),
    pre_stop: hooksSchema.optional(),
    // Read by `stack watch` only: no container's configuration, so a change plans nothing.
    develop: developSchema.optional(),
    restart: restartSchema.optional(),
    deploy: deploySchema.optional(),
    scale: nonNegativeInt.optional(),
    mem_limit: byteSizeSchema.optional(),
    // -1 means unlimited swap, as with `docker run --memory-swap -1`.
    memswap_limit: z.union([z.literal(-1), byteSizeSchema]).optional(),
    mem_reservation: byteSizeSchema.optional(),
    cpus: cpusSchema.optional(),
    cpu_shares: z.number().int().min(0).optional(),
    pids_limit: z.number().int().optional(),
    labels: listOrDict.optional(),
    label_file: stringOrList.optional(),
    init: z.boolean().optional(),
    use_api_socket: z.boolean().optional(),
    user: z.union([z.string(), z.number()]).optional(),
    working_dir: z.string().optional(),
    hostname: z.string().optional(),
    extra_hosts: z.union([z.array(z.string()), z.record(z.string(), z.string())]).optional(),
    dns: stringOrList.optional(),
    dns_opt: z.array(z.string()).optional(),
    dns_search: stringOrList.optional(),
    cap_add: z.array(z.string()).optional(),
    cap_drop: z.array(z.string()).optional(),
    privileged: z.boolean().optional(),
    read_only: z.boolean().optional(),
    stop_signal: z.string().optional(),
    stop_grace_period: durationSchema.optional(),
    tty: z.boolean().optional(),
    stdin_open: z.boolean().optional(),
    container_name: z.string().optional(),
    logging: loggingSchema.optional(),
    ulimits: ulimitsSchema.optional(),
    sysctls: listOrDict.optional(),
    shm_size: byteSizeSchema.optional(),
    security_opt: z.array(z.string()).optional(),
    devices: z.array(deviceSchema).optional(),
    pid: pidSchema.optional(),
    ipc: ipcSchema.optional(),
    volumes_from: volumesFromSchema.optional(),
    // On the stack's own networks the engine takes link aliases per endpoint (EndpointsConfig.Links).
    links: linksSchema.optional(),
    external_links: linksSchema.optional(),
    cgroup_parent: z.string().optional(),
    cgroup: z.enum(["host", "private"]).optional(),
    oom_kill_disable: z.boolean().optional(),
    oom_score_adj: oomScoreAdjSchema.optional(),
    group_add: z.array(z.union([z.string(), z.number()])).optional(),
    domainname: z.string().optional(),
    mac_address: macAddressSchema.optional(),
    userns_mode: usernsModeSchema.optional(),
    uts: utsSchema.optional(),
    runtime: z.string().optional(),
    cpu_period: microsecondsSchema.optional(),
    cpu_quota: microsecondsSchema.optional(),
    cpu_rt_period: microsecondsSchema.optional(),
    cpu_rt_runtime: microsecondsSchema.optional(),
    cpuset: cpusetSchema.optional(),
    mem_swappiness: swappinessSchema.optional(),
    blkio_config: blkioConfigSchema.optional(),
    device_cgroup_rules: z.array(z.string()).optional(),
    storage_opt: z.record(z.string(), z.string()).optional(),
    // Which services' output `docker compose up` follows; `stack apply` follows none.
    attach: z.union([z.boolean(), z.string()]).optional(),
    profiles: z.array(z.string()).optional(),
    // Resolved by the loader before validation; here only when it is malformed.
    extends: z
      .union([z.string(), composeObject({ service: z.string(), file: z.string().optional() })])
      .optional(),
    secrets: z.array(fileObjectReference).optional(),
    configs: z.array(fileObjectReference).optional(),
    "x-stackform": stackformExtensionSchema.optional(),
    "x-sensitive": z
      .array(z.string())
      .optional()
      .describe("Stackform: environment keys and build args whose values are never printed."),
  },
  UNSUPPORTED_SERVICE_KEYS,
);

/** Every key a service may have in a stack file: what per-field tests and docs iterate over. */
export const SERVICE_KEYS: readonly string[] = Object.keys(serviceSchema.shape);
