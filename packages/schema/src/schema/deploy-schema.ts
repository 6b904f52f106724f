import * as z from "zod";
import { composeObject, OUT_OF_SCOPE, SWARM_ONLY } from "./compose-object.js";
import { byteSizeSchema, cpusSchema, nonNegativeInt } from "./value-schemas.js";

export const deploySchema = composeObject(
  {
    replicas: nonNegativeInt.optional(),
    resources: composeObject({
      limits: composeObject({
        cpus: cpusSchema.optional(),
        memory: byteSizeSchema.optional(),
        pids: z.number().int().optional(),
      }).optional(),
      reservations: composeObject(
        { memory: byteSizeSchema.optional() },
        {
          cpus: "CPU reservations only apply to Swarm; use deploy.resources.limits.cpus or cpu_shares",
          devices: OUT_OF_SCOPE,
          generic_resources: SWARM_ONLY,
        },
      ).optional(),
    }).optional(),
  },
  {
    mode: SWARM_ONLY,
    placement: SWARM_ONLY,
    update_config: SWARM_ONLY,
    rollback_config: SWARM_ONLY,
    endpoint_mode: SWARM_ONLY,
    labels: SWARM_ONLY,
    restart_policy: "use the service's `restart:` key instead",
  },
);
