import * as z from "zod";
import { parseByteSize } from "../parse/byte-size.js";
import { parseCpus } from "../parse/cpus.js";
import { parseDurationValue } from "../parse/duration.js";
import type { Parsed } from "../parse/parsed.js";
import { parseRestartPolicy } from "../parse/restart-policy.js";

/** Issue parameters the diagnostics read back: our code and hint instead of zod's. */
export interface IssueParams {
  code: string;
  hint?: string;
}

/** Adds a check that runs one of our parsers, so format errors come out with the type errors. */
export function checked<T extends z.ZodType>(
  schema: T,
  parse: (value: z.output<T>) => Parsed<unknown>,
  code: string,
): T {
  return schema.superRefine((value, ctx) => {
    const result = parse(value);
    if (!result.ok) {
      const params: IssueParams = result.hint === undefined ? { code } : { code, hint: result.hint };
      ctx.addIssue({ code: "custom", message: result.message, params });
    }
  });
}

/** A type error message that carries its own hint; the diagnostics split it at `HINT_SEPARATOR`. */
export const HINT_SEPARATOR = "\nhint: ";

export const durationSchema = checked(
  z.string({
    error: (issue) =>
      typeof issue.input === "number"
        ? `${issue.input} is not a duration: it has no unit${HINT_SEPARATOR}add a unit, like "${issue.input}s"`
        : `expected a duration${HINT_SEPARATOR}write a duration like "10s", "1m30s" or "500ms"`,
  }),
  parseDurationValue,
  "invalid-duration",
).describe('A duration like "10s", "1m30s", "500ms" or "1h".');

export const byteSizeSchema = checked(
  z.union([z.string(), z.number()]),
  parseByteSize,
  "invalid-size",
).describe('A size in bytes, or with a unit like "512m", "1g" or "1024k".');

export const cpusSchema = checked(z.union([z.string(), z.number()]), parseCpus, "invalid-cpus").describe(
  'A number of CPUs like 0.5 or "1.5".',
);

export const restartSchema = checked(z.string(), parseRestartPolicy, "invalid-restart").describe(
  "no | always | on-failure[:N] | unless-stopped",
);

export const nonNegativeInt = z.number().int().min(0);

/** Scalar values Compose accepts in `environment`/`labels` maps; they become strings. */
export const scalarValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** `KEY: value` mapping or `KEY=value` list, as `environment`, `labels` and `build.args` take. */
export const listOrDict = z.union([z.record(z.string(), scalarValue), z.array(z.string())]);

export const stringOrList = z.union([z.string(), z.array(z.string())]);

/** Names of services, networks and volumes: they become parts of engine object names. */
export const resourceName = z
  .string()
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
    "names use letters, digits, '_', '.' and '-', starting with a letter or digit",
  );
