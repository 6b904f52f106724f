import * as z from "zod";
import { composeObject, OUT_OF_SCOPE, SWARM_ONLY } from "./compose-object.js";
import { byteSizeSchema, cpusSchema, durationSchema, nonNegativeInt } from "./value-schemas.js";

/**
 * `deploy.update_config` and `deploy.rollback_config`: Swarm's keys, which Stackform honours on a
 * single engine as a rolling, health-gated update (and a Swarm target reads the same keys).
 */
export const updateConfigSchema = composeObject({
  parallelism: nonNegativeInt.optional(),
  delay: durationSchema.optional(),
  order: z.enum(["start-first", "stop-first"]).optional(),
  failure_action: z.enum(["rollback", "pause", "continue"]).optional(),
  monitor: durationSchema.optional(),
  max_failure_ratio: z.number().min(0).max(1).optional(),
});

/** `x-stackform`: Stackform's own per-service settings. */
export const stackformExtensionSchema = composeObject({
  drain: durationSchema.optional(),
});

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
    update_config: updateConfigSchema.optional(),
    rollback_config: updateConfigSchema.optional(),
    // Swarm's keys: read by `--target swarm` only (packages/planner/src/swarm); one engine ignores them.
    mode: z.enum(["replicated", "global"]).optional(),
    placement: composeObject({
      constraints: z.array(z.string()).optional(),
      preferences: z.array(composeObject({ spread: z.string() })).optional(),
      max_replicas_per_node: nonNegativeInt.optional(),
    }).optional(),
    endpoint_mode: z.enum(["vip", "dnsrr"]).optional(),
    labels: z.union([z.record(z.string(), z.string()), z.array(z.string())]).optional(),
  },
  {
    restart_policy: "use the service's `restart:` key instead",
  },
);
