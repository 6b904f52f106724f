import * as z from "zod";
import { failed, type Parsed, parsed } from "../parse/parsed.js";
import { buildSchema } from "./build-schema.js";
import { composeObject, OUT_OF_SCOPE, SWARM_ONLY } from "./compose-object.js";
import { deploySchema } from "./deploy-schema.js";
import { healthcheckSchema } from "./healthcheck-schema.js";
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

const serviceNetworkSchema = composeObject(
  {
    aliases: z.array(z.string()).optional(),
    ipv4_address: z.string().optional(),
  },
  {
    ipv6_address: OUT_OF_SCOPE,
    link_local_ips: OUT_OF_SCOPE,
    mac_address: OUT_OF_SCOPE,
    driver_opts: OUT_OF_SCOPE,
    priority: OUT_OF_SCOPE,
    gw_priority: OUT_OF_SCOPE,
    interface_name: OUT_OF_SCOPE,
  },
);

const dependencySchema = composeObject({
  condition: z.enum(["service_started", "service_healthy", "service_completed_successfully"]).optional(),
  restart: z.boolean().optional(),
  required: z.boolean().optional(),
});

const fileObjectReference = (kind: string) =>
  z.union([
    z.string(),
    composeObject(
      { source: z.string(), target: z.string().optional() },
      {
        uid: `${kind} are bind-mounted from files; set the owner on the file itself`,
        gid: `${kind} are bind-mounted from files; set the group on the file itself`,
        mode: `${kind} are bind-mounted from files; set the mode on the file itself`,
      },
    ),
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

const UNSUPPORTED_SERVICE_KEYS: Record<string, string> = {
  links: "services on a shared network reach each other by service name; remove `links`",
  external_links: OUT_OF_SCOPE,
  volumes_from: "declare a named volume and mount it in both services instead",
  devices: OUT_OF_SCOPE,
  device_cgroup_rules: OUT_OF_SCOPE,
  ulimits: OUT_OF_SCOPE,
  logging: "containers use the engine's default log driver; remove `logging`",
  sysctls: OUT_OF_SCOPE,
  ipc: OUT_OF_SCOPE,
  pid: OUT_OF_SCOPE,
  uts: OUT_OF_SCOPE,
  userns_mode: OUT_OF_SCOPE,
  cgroup: OUT_OF_SCOPE,
  cgroup_parent: OUT_OF_SCOPE,
  security_opt: OUT_OF_SCOPE,
  shm_size: OUT_OF_SCOPE,
  stop_grace_period_seconds: OUT_OF_SCOPE,
  extends: "write the service out in full, or use a -f override file",
  platform: OUT_OF_SCOPE,
  runtime: OUT_OF_SCOPE,
  isolation: OUT_OF_SCOPE,
  mac_address: OUT_OF_SCOPE,
  domainname: OUT_OF_SCOPE,
  dns_opt: OUT_OF_SCOPE,
  dns_search: OUT_OF_SCOPE,
  group_add: OUT_OF_SCOPE,
  oom_kill_disable: OUT_OF_SCOPE,
  oom_score_adj: OUT_OF_SCOPE,
  mem_swappiness: OUT_OF_SCOPE,
  cpu_count: OUT_OF_SCOPE,
  cpu_percent: OUT_OF_SCOPE,
  cpu_period: OUT_OF_SCOPE,
  cpu_quota: OUT_OF_SCOPE,
  cpu_rt_period: OUT_OF_SCOPE,
  cpu_rt_runtime: OUT_OF_SCOPE,
  cpuset: OUT_OF_SCOPE,
  blkio_config: OUT_OF_SCOPE,
  storage_opt: OUT_OF_SCOPE,
  credential_spec: OUT_OF_SCOPE,
  gpus: OUT_OF_SCOPE,
  annotations: OUT_OF_SCOPE,
  attach: OUT_OF_SCOPE,
  develop: OUT_OF_SCOPE,
  post_start: OUT_OF_SCOPE,
  pre_stop: OUT_OF_SCOPE,
  label_file: OUT_OF_SCOPE,
  models: OUT_OF_SCOPE,
  provider: OUT_OF_SCOPE,
  use_api_socket: OUT_OF_SCOPE,
  driver_opts: OUT_OF_SCOPE,
  volume_driver: OUT_OF_SCOPE,
  configs_from: SWARM_ONLY,
};

export const serviceSchema = composeObject(
  {
    image: z.string().optional(),
    build: buildSchema.optional(),
    pull_policy: z.enum(["always", "never", "missing", "build", "if_not_present"]).optional(),
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
    init: z.boolean().optional(),
    user: z.union([z.string(), z.number()]).optional(),
    working_dir: z.string().optional(),
    hostname: z.string().optional(),
    extra_hosts: z.union([z.array(z.string()), z.record(z.string(), z.string())]).optional(),
    dns: stringOrList.optional(),
    cap_add: z.array(z.string()).optional(),
    cap_drop: z.array(z.string()).optional(),
    privileged: z.boolean().optional(),
    read_only: z.boolean().optional(),
    stop_signal: z.string().optional(),
    stop_grace_period: durationSchema.optional(),
    tty: z.boolean().optional(),
    stdin_open: z.boolean().optional(),
    container_name: z.string().optional(),
    profiles: z.array(z.string()).optional(),
    secrets: z.array(fileObjectReference("secrets")).optional(),
    configs: z.array(fileObjectReference("configs")).optional(),
    "x-sensitive": z
      .array(z.string())
      .optional()
      .describe("Stackform: environment keys and build args whose values are never printed."),
  },
  UNSUPPORTED_SERVICE_KEYS,
);

/** Every key a service may have in a stack file: what per-field tests and docs iterate over. */
export const SERVICE_KEYS: readonly string[] = Object.keys(serviceSchema.shape);
