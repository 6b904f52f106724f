import * as z from "zod";
import { parseTmpfsShort } from "../parse/tmpfs-spec.js";
import { parseVolumeShort } from "../parse/volume-spec.js";
import { composeObject, OUT_OF_SCOPE } from "./compose-object.js";
import { byteSizeSchema, checked } from "./value-schemas.js";

export const volumeShortSchema = checked(z.string(), parseVolumeShort, "invalid-volume");

export const volumeLongSchema = composeObject(
  {
    type: z.enum(["volume", "bind", "tmpfs"]),
    source: z.string().optional(),
    target: z.string(),
    read_only: z.boolean().optional(),
    volume: composeObject(
      { nocopy: z.boolean().optional() },
      { subpath: OUT_OF_SCOPE, labels: OUT_OF_SCOPE },
    ).optional(),
    bind: composeObject(
      { create_host_path: z.boolean().optional() },
      { propagation: OUT_OF_SCOPE, selinux: OUT_OF_SCOPE, recursive: OUT_OF_SCOPE },
    ).optional(),
    tmpfs: composeObject({
      size: byteSizeSchema.optional(),
      mode: z.union([z.number(), z.string()]).optional(),
    }).optional(),
  },
  { consistency: "consistency has no effect on Linux engines; remove it", image: OUT_OF_SCOPE },
);

export const serviceVolumeSchema = z.union([volumeShortSchema, volumeLongSchema]);

export const tmpfsEntrySchema = checked(z.string(), parseTmpfsShort, "invalid-tmpfs");
