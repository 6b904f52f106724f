import * as z from "zod";
import { parseCacheFrom } from "../parse/cache-from.js";
import { composeObject } from "./compose-object.js";
import { ulimitsSchema } from "./host-schemas.js";
import { byteSizeSchema, checked, listOrDict } from "./value-schemas.js";

const BUILDKIT = "this needs BuildKit; Stackform builds with the classic builder";

export const buildSchema = z.union([
  z.string(),
  composeObject(
    {
      context: z.string().optional(),
      dockerfile: z.string().optional(),
      dockerfile_inline: z.string().optional(),
      args: listOrDict.optional(),
      target: z.string().optional(),
      labels: listOrDict.optional(),
      tags: z.array(z.string()).optional(),
      cache_from: z.array(checked(z.string(), parseCacheFrom, "invalid-cache-from")).optional(),
      no_cache: z.boolean().optional(),
      pull: z.boolean().optional(),
      network: z.string().optional(),
      extra_hosts: z.union([z.array(z.string()), z.record(z.string(), z.string())]).optional(),
      shm_size: byteSizeSchema.optional(),
      ulimits: ulimitsSchema.optional(),
    },
    {
      additional_contexts: BUILDKIT,
      cache_to: BUILDKIT,
      isolation: "isolation modes are a Windows engine setting; remove it for Linux builds",
      platforms: BUILDKIT,
      privileged: BUILDKIT,
      secrets: BUILDKIT,
      ssh: BUILDKIT,
      entitlements: BUILDKIT,
      provenance: BUILDKIT,
      sbom: BUILDKIT,
    },
  ),
]);
