import * as z from "zod";
import {
  checkCpuset,
  checkHostOnly,
  checkIpc,
  checkMacAddress,
  checkPermissions,
  checkPid,
  parseDevice,
  parseInteger,
  parseMicroseconds,
} from "../parse/host-options.js";
import { failed, parsed } from "../parse/parsed.js";
import { parseLink, parseVolumesFrom } from "../parse/volumes-from.js";
import { composeObject } from "./compose-object.js";
import { byteSizeSchema, checked } from "./value-schemas.js";

/**
 * Value schemas of the service keys that set a container's host options (logging, limits,
 * namespaces, devices): each format error comes out with its position, like the type errors.
 */

const integerLike = (min?: number, max?: number) =>
  checked(z.union([z.number(), z.string()]), (v) => parseInteger(v, min, max), "invalid-integer");

export const loggingSchema = composeObject({
  driver: z.string().optional(),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
});

const ulimitPair = checked(
  composeObject({ soft: integerLike(-1), hard: integerLike(-1) }),
  ({ soft, hard }) => {
    const s = Number(soft);
    const h = Number(hard);
    return h !== -1 && (s === -1 || s > h)
      ? failed(`the soft limit ${soft} is above the hard limit ${hard}`, "make soft ≤ hard")
      : parsed(null);
  },
  "invalid-ulimit",
);

export const ulimitsSchema = z.record(
  z.string().regex(/^[a-z]+$/, "ulimit names are lower-case letters, like nofile or nproc"),
  z.union([integerLike(-1), ulimitPair]),
);

export const deviceSchema = z.union([
  checked(z.string(), parseDevice, "invalid-device"),
  composeObject({
    source: z.string(),
    target: z.string().optional(),
    permissions: checked(z.string(), checkPermissions, "invalid-device").optional(),
  }),
]);

export const pidSchema = checked(z.string().nullable(), checkPid, "invalid-namespace");
export const utsSchema = checked(z.string(), checkHostOnly("uts"), "invalid-namespace");
export const usernsModeSchema = checked(z.string(), checkHostOnly("userns_mode"), "invalid-namespace");
export const ipcSchema = checked(z.string(), checkIpc, "invalid-namespace");
export const linksSchema = z.array(checked(z.string(), parseLink, "invalid-link"));
export const volumesFromSchema = z.array(checked(z.string(), parseVolumesFrom, "invalid-volumes-from"));
export const macAddressSchema = checked(z.string(), checkMacAddress, "invalid-mac-address");
export const oomScoreAdjSchema = integerLike(-1000, 1000);

export const microsecondsSchema = checked(
  z.union([z.number(), z.string()]),
  parseMicroseconds,
  "invalid-period",
).describe("Microseconds, or a duration like 100ms.");
export const cpusetSchema = checked(z.string(), checkCpuset, "invalid-cpuset");
export const swappinessSchema = integerLike(0, 100);

export const blkioConfigSchema = composeObject({
  weight: integerLike(10, 1000).optional(),
  weight_device: z.array(composeObject({ path: z.string(), weight: integerLike(10, 1000) })).optional(),
  device_read_bps: z.array(composeObject({ path: z.string(), rate: byteSizeSchema })).optional(),
  device_write_bps: z.array(composeObject({ path: z.string(), rate: byteSizeSchema })).optional(),
  device_read_iops: z.array(composeObject({ path: z.string(), rate: integerLike(0) })).optional(),
  device_write_iops: z.array(composeObject({ path: z.string(), rate: integerLike(0) })).optional(),
});
