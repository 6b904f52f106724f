import * as z from "zod";
import { composeObject, DESKTOP_MODELS, OUT_OF_SCOPE } from "./compose-object.js";
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
    enable_ipv6: z.boolean().optional(),
    labels: listOrDict.optional(),
    external: z.boolean().optional(),
    name: z.string().optional(),
  },
  { enable_ipv4: "turning IPv4 off needs Engine API 1.47 (Docker 27); Stackform speaks 1.41" },
);

export const volumeSchema = composeObject({
  driver: z.string().optional(),
  driver_opts: driverOpts.optional(),
  labels: listOrDict.optional(),
  external: z.boolean().optional(),
  name: z.string().optional(),
});

const ONE_ENGINE =
  "Stackform runs secrets and configs on one engine without Swarm; use `file:`, `environment:` or `content:`";

const fileObjectUnsupported = {
  external: ONE_ENGINE,
  name: ONE_ENGINE,
  labels: ONE_ENGINE,
  driver: ONE_ENGINE,
  driver_opts: ONE_ENGINE,
  template_driver: ONE_ENGINE,
};

/** A secret's value comes from exactly one of `file` and `environment` (the normaliser checks "one"). */
export const secretSchema = composeObject(
  { file: z.string().optional(), environment: z.string().optional() },
  {
    ...fileObjectUnsupported,
    content:
      "Compose takes `content:` for configs only; give a secret its value with `environment:` or `file:`",
  },
);

/** A config's value comes from exactly one of `file`, `environment` and `content`. */
export const configSchema = composeObject(
  { file: z.string().optional(), environment: z.string().optional(), content: z.string().optional() },
  fileObjectUnsupported,
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
    secrets: z.record(resourceName, secretSchema).optional(),
    configs: z.record(resourceName, configSchema).optional(),
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
    models: DESKTOP_MODELS,
  },
);

export type StackInput = z.input<typeof stackFileSchema>;
export type StackFile = z.output<typeof stackFileSchema>;
export type ServiceInput = z.output<typeof serviceSchema>;
export type NetworkInput = z.output<typeof networkSchema>;
export type VolumeInput = z.output<typeof volumeSchema>;
export type ConfigInput = z.output<typeof configSchema>;
