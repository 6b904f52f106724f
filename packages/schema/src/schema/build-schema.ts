import * as z from "zod";
import { composeObject, OUT_OF_SCOPE } from "./compose-object.js";
import { listOrDict } from "./value-schemas.js";

const BUILDKIT = "this needs BuildKit; Stackform builds with the classic builder";

export const buildSchema = z.union([
  z.string(),
  composeObject(
    {
      context: z.string().optional(),
      dockerfile: z.string().optional(),
      args: listOrDict.optional(),
      target: z.string().optional(),
    },
    {
      dockerfile_inline: OUT_OF_SCOPE,
      additional_contexts: BUILDKIT,
      cache_from: OUT_OF_SCOPE,
      cache_to: BUILDKIT,
      extra_hosts: OUT_OF_SCOPE,
      isolation: OUT_OF_SCOPE,
      labels: OUT_OF_SCOPE,
      network: OUT_OF_SCOPE,
      no_cache: OUT_OF_SCOPE,
      platforms: BUILDKIT,
      privileged: BUILDKIT,
      pull: OUT_OF_SCOPE,
      secrets: BUILDKIT,
      shm_size: OUT_OF_SCOPE,
      ssh: BUILDKIT,
      tags: OUT_OF_SCOPE,
      ulimits: OUT_OF_SCOPE,
      entitlements: BUILDKIT,
      provenance: BUILDKIT,
      sbom: BUILDKIT,
    },
  ),
]);
