import * as z from "zod";
import { composeObject } from "./compose-object.js";
import { durationSchema, nonNegativeInt } from "./value-schemas.js";

export const healthcheckSchema = composeObject(
  {
    test: z.union([z.string(), z.array(z.string())]).optional(),
    interval: durationSchema.optional(),
    timeout: durationSchema.optional(),
    start_period: durationSchema.optional(),
    retries: nonNegativeInt.optional(),
    disable: z.boolean().optional(),
  },
  { start_interval: "start_interval needs Engine API 1.44; Stackform targets 1.41" },
);
