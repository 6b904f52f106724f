import { resolve } from "node:path";
import type { BuildSpec, DesiredService } from "../model/desired-stack.js";
import { parseByteSize } from "../parse/byte-size.js";
import { parseCacheFrom } from "../parse/cache-from.js";
import { parsedValues } from "../parse/parsed.js";
import { parsePlatform } from "../parse/platform.js";
import { parsePullPolicy, parseRefreshInterval } from "../parse/pull-policy.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { keyValues, type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";
import { ulimits } from "./normalise-host.js";

export function normaliseBuild(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): BuildSpec | undefined {
  const input = service.build;
  if (input === undefined) return undefined;
  const platform = servicePlatform(service);
  const onPlatform = platform === undefined ? {} : { platform };
  if (typeof input === "string")
    return { context: resolve(ctx.workingDir, input), dockerfile: "Dockerfile", args: {}, ...onPlatform };
  if (input.dockerfile !== undefined && input.dockerfile_inline !== undefined)
    ctx.sink.error({
      code: "dockerfile-and-inline",
      message: "build sets both dockerfile and dockerfile_inline; they are mutually exclusive",
      hint: "keep one: a file in the context, or the Dockerfile's text inline",
      path: [...path, "build", "dockerfile_inline"],
      anchor: "key",
    });
  const build: BuildSpec = {
    context: resolve(ctx.workingDir, input.context ?? "."),
    dockerfile: input.dockerfile ?? "Dockerfile",
    args: sortedRecord(keyValues(input.args, ctx.lookup)),
  };
  if (input.target !== undefined) build.target = input.target;
  if (input.dockerfile_inline !== undefined) build.dockerfileInline = input.dockerfile_inline;
  if (input.labels !== undefined) build.labels = sortedRecord(keyValues(input.labels, () => ""));
  if (input.tags !== undefined) build.tags = [...new Set(input.tags)];
  if (input.cache_from !== undefined) build.cacheFrom = parsedValues(input.cache_from, parseCacheFrom);
  if (input.no_cache !== undefined) build.noCache = input.no_cache;
  if (input.pull !== undefined) build.pull = input.pull;
  if (input.network !== undefined) build.network = input.network;
  if (input.extra_hosts !== undefined) build.extraHosts = hostEntries(input.extra_hosts);
  if (input.shm_size !== undefined) {
    const size = parseByteSize(input.shm_size);
    if (size.ok) build.shmSize = size.value;
  }
  if (input.ulimits !== undefined) build.ulimits = ulimits(input.ulimits);
  return { ...build, ...onPlatform };
}

/** `extra_hosts` in the Engine API's `host:ip` form, from `host:ip`, `host=ip` or a mapping. */
export function hostEntries(input: string[] | Record<string, string>): string[] {
  if (!Array.isArray(input)) return Object.entries(input).map(([host, ip]) => `${host}:${ip}`);
  return input.map((entry) => {
    const eq = entry.indexOf("=");
    return eq >= 0 ? `${entry.slice(0, eq)}:${entry.slice(eq + 1)}` : entry;
  });
}

const servicePlatform = (service: ServiceInput): string | undefined => {
  if (service.platform === undefined) return undefined;
  const platform = parsePlatform(service.platform);
  return platform.ok ? platform.value : undefined;
};

/**
 * How the image is got: `pull_policy` (Compose's default `missing`, or `build` for a service that
 * only says how to build its image), its refresh interval, and the `platform` it is for.
 */
export function normaliseImageOptions(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): Pick<DesiredService, "pullPolicy" | "pullInterval" | "platform"> {
  const platform = servicePlatform(service);
  const onPlatform = platform === undefined ? {} : { platform };
  const read = service.pull_policy === undefined ? undefined : parsePullPolicy(service.pull_policy);
  // An invalid value was reported by the schema.
  const policy = read?.ok ? read.value : undefined;
  const after =
    service.pull_refresh_after === undefined ? undefined : parseRefreshInterval(service.pull_refresh_after);
  if (after !== undefined && policy?.policy !== "refresh") {
    ctx.sink.error({
      code: "refresh-after-without-refresh",
      message: `pull_refresh_after applies to pull_policy refresh, and the policy is ${service.pull_policy ?? "missing (the default)"}`,
      hint: "set `pull_policy: refresh`, or remove pull_refresh_after",
      path: [...path, "pull_refresh_after"],
      anchor: "key",
    });
  }
  if (policy === undefined) {
    const implied = service.build !== undefined && service.image === undefined ? "build" : "missing";
    return { pullPolicy: implied, ...onPlatform };
  }
  if (policy.policy !== "refresh") return { pullPolicy: policy.policy, ...onPlatform };
  const interval = policy.interval ?? (after?.ok ? after.value : undefined);
  if (interval === undefined) {
    // A malformed pull_refresh_after was reported, and comes here without it.
    if (after === undefined && !ctx.invalid([...path, "pull_refresh_after"]))
      ctx.sink.error({
        code: "refresh-without-interval",
        message: "pull_policy refresh needs pull_refresh_after: how old the local image may get",
        hint: "add `pull_refresh_after: 12h`, or write the policy as `daily`, `weekly` or `every_12h`",
        path: [...path, "pull_policy"],
      });
    return { pullPolicy: "missing", ...onPlatform };
  }
  return { pullPolicy: "refresh", pullInterval: interval, ...onPlatform };
}
