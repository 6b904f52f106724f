import * as z from "zod";
import { composeObject, OUT_OF_SCOPE } from "./compose-object.js";
import { serviceSchema } from "./service-schema.js";
import { listOrDict, resourceName, stringOrList } from "./value-schemas.js";

const driverOpts = z.record(z.string(), z.union([z.string(), z.number()]));

export const networkSchema = composeObject(
  {
    driver: z.string().optional(),
    driver_opts: driverOpts.optional(),
    ipam: composeObject({
      driver: z.string().optional(),
      config: z
        .array(
          composeObject(
            {
              subnet: z.string().optional(),
              ip_range: z.string().optional(),
              gateway: z.string().optional(),
            },
            { aux_addresses: OUT_OF_SCOPE },
          ),
        )
        .optional(),
      options: z.record(z.string(), z.string()).optional(),
    }).optional(),
    internal: z.boolean().optional(),
    attachable: z.boolean().optional(),
    labels: listOrDict.optional(),
    external: z.boolean().optional(),
    name: z.string().optional(),
  },
  { enable_ipv6: OUT_OF_SCOPE, enable_ipv4: OUT_OF_SCOPE },
);

export const volumeSchema = composeObject({
  driver: z.string().optional(),
  driver_opts: driverOpts.optional(),
  labels: listOrDict.optional(),
  external: z.boolean().optional(),
  name: z.string().optional(),
});

const FILE_ONLY = "Stackform mounts secrets and configs from files; use `file:`";

export const fileObjectSchema = composeObject(
  { file: z.string() },
  {
    external: FILE_ONLY,
    environment: FILE_ONLY,
    content: FILE_ONLY,
    name: FILE_ONLY,
    labels: FILE_ONLY,
    driver: FILE_ONLY,
    driver_opts: FILE_ONLY,
    template_driver: FILE_ONLY,
  },
);

/** A stack file in its input (Compose) shape: what users write in YAML or pass to `defineStack`. */
export const stackFileSchema = composeObject(
  {
    version: z
      .union([z.string(), z.number()])
      .optional()
      .describe("Obsolete in Compose; accepted and ignored."),
    name: z.string().optional().describe("The stack name: lower-case letters, digits, '_' and '-'."),
    services: z.record(resourceName, serviceSchema).optional(),
    networks: z.record(resourceName, networkSchema.nullable()).optional(),
    volumes: z.record(resourceName, volumeSchema.nullable()).optional(),
    secrets: z.record(resourceName, fileObjectSchema).optional(),
    configs: z.record(resourceName, fileObjectSchema).optional(),
    include: z
      .array(
        z.union([
          z.string(),
          composeObject(
            { path: stringOrList, project_directory: z.string().optional() },
            { env_file: "included files take their variables from this stack's environment and .env" },
          ),
        ]),
      )
      .optional(),
    "x-stackform": composeObject({
      target: z
        .enum(["containers", "swarm"])
        .optional()
        .describe("Where the stack runs: containers on one engine (the default) or a Swarm's services."),
      // Written by `stack config --json` for machine readers, so its output loads again.
      format_version: z.number().optional().describe("The version of `stack config --json` output."),
    }).optional(),
  },
  {
    models: OUT_OF_SCOPE,
  },
);

export type StackInput = z.input<typeof stackFileSchema>;
export type StackFile = z.output<typeof stackFileSchema>;
export type ServiceInput = z.output<typeof serviceSchema>;
export type NetworkInput = z.output<typeof networkSchema>;
export type VolumeInput = z.output<typeof volumeSchema>;
