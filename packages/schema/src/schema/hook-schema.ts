import * as z from "zod";
import { composeObject } from "./compose-object.js";
import { listOrDict } from "./value-schemas.js";

/**
 * One `post_start` or `pre_stop` hook: a command run in the service's container as `docker exec`
 * would run it, right after the container starts or before it is stopped.
 */
export const hookSchema = composeObject({
  command: z.union([z.string(), z.array(z.string())]),
  user: z.union([z.string(), z.number()]).optional(),
  privileged: z.boolean().optional(),
  working_dir: z.string().optional(),
  environment: listOrDict.optional(),
});

export const hooksSchema = z.array(hookSchema);
