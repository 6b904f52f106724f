import * as z from "zod";
import { composeObject } from "./compose-object.js";
import { hookSchema } from "./hook-schema.js";

/** What `stack watch` does when a file under a rule's `path` changes. */
export const WATCH_ACTIONS = ["sync", "rebuild", "sync+restart", "restart", "sync+exec"] as const;

/** One `develop.watch` rule, as the Compose Specification has it. */
export const watchRuleSchema = composeObject({
  path: z.string(),
  action: z.enum(WATCH_ACTIONS),
  target: z.string().optional(),
  ignore: z.array(z.string()).optional(),
  include: z.array(z.string()).optional(),
  initial_sync: z.boolean().optional(),
  // The same shape as a `post_start` hook, as in Compose.
  exec: hookSchema.optional(),
});

/** `develop`: what `stack watch` does; not part of any container's configuration. */
export const developSchema = composeObject({
  watch: z.array(watchRuleSchema).optional(),
});
