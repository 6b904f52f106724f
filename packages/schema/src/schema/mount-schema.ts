import * as z from "zod";
import { parseTmpfsShort } from "../parse/tmpfs-spec.js";
import { PROPAGATIONS, parseVolumeShort } from "../parse/volume-spec.js";
import { composeObject } from "./compose-object.js";
import { byteSizeSchema, checked, listOrDict } from "./value-schemas.js";

export const volumeShortSchema = checked(z.string(), parseVolumeShort, "invalid-volume");

export const volumeLongSchema = composeObject(
  {
    type: z.enum(["volume", "bind", "tmpfs"]),
    source: z.string().optional(),
    target: z.string(),
    read_only: z.boolean().optional(),
    volume: composeObject(
      { nocopy: z.boolean().optional(), labels: listOrDict.optional() },
      {
        subpath: "mounting a volume's subdirectory needs Engine API 1.45 (Docker 26); Stackform speaks 1.41",
      },
    ).optional(),
    bind: composeObject(
      {
        create_host_path: z.boolean().optional(),
        propagation: z.enum(PROPAGATIONS).optional(),
        selinux: z.enum(["z", "Z"]).optional(),
      },
      {
        recursive:
          "read-only recursion control needs Engine API 1.44 (Docker 25); Stackform speaks 1.41, where submounts of a bind stay as they are",
      },
    ).optional(),
    tmpfs: composeObject({
      size: byteSizeSchema.optional(),
      mode: z.union([z.number(), z.string()]).optional(),
    }).optional(),
  },
  {
    consistency: "consistency has no effect on Linux engines; remove it",
    image: "image mounts need Engine API 1.48 (Docker 28); Stackform speaks 1.41",
  },
);

export const serviceVolumeSchema = z.union([volumeShortSchema, volumeLongSchema]);

export const tmpfsEntrySchema = checked(z.string(), parseTmpfsShort, "invalid-tmpfs");
