import { resolve } from "node:path";
import type { BuildSpec, PullPolicy } from "../model/desired-stack.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { keyValues, type NormaliseContext, sortedRecord } from "./normalise-context.js";

export function normaliseBuild(service: ServiceInput, ctx: NormaliseContext): BuildSpec | undefined {
  const input = service.build;
  if (input === undefined) return undefined;
  if (typeof input === "string")
    return { context: resolve(ctx.workingDir, input), dockerfile: "Dockerfile", args: {} };
  const build: BuildSpec = {
    context: resolve(ctx.workingDir, input.context ?? "."),
    dockerfile: input.dockerfile ?? "Dockerfile",
    args: sortedRecord(keyValues(input.args, ctx.lookup)),
  };
  if (input.target !== undefined) build.target = input.target;
  return build;
}

/** Compose's defaults: `missing`, or `build` for a service that only says how to build its image. */
export function normalisePullPolicy(service: ServiceInput): PullPolicy {
  const policy = service.pull_policy;
  if (policy === "if_not_present") return "missing";
  if (policy !== undefined) return policy;
  return service.build !== undefined && service.image === undefined ? "build" : "missing";
}
