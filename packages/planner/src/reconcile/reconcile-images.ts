import {
  type BuildSpec,
  type DesiredService,
  type ObservedImage,
  type PullPolicy,
  platformMatches,
} from "@stackform/schema/contract";
import { durationText } from "../compare/show-values.js";
import type { BuildImage, PullImage } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import type { FieldChange } from "../model/plan.js";
import { sensitiveBuildArgs } from "../spec/sensitive-keys.js";
import { compareText } from "../util/compare.js";
import type { PlanContext } from "./plan-context.js";
import { ageText, refreshDue } from "./refresh-due.js";

/** When services share an image reference, the most eager policy wins. */
const POLICY_WEIGHT: Record<PullPolicy, number> = { never: 0, missing: 1, refresh: 2, always: 3, build: 4 };

/**
 * One pull or build per image reference, before every container that uses it:
 * - `missing` (default): pull, or build for a `build:` service, when the engine lacks the image;
 * - `refresh` (`daily`, `weekly`, `every_<interval>`): pull also when the local image was last
 *   pulled or tagged longer ago than the interval (the shortest, when services share the image);
 * - `always`: pull on every apply, or rebuild for a `build:` service;
 * - `build`: rebuild on every apply;
 * - `never`: nothing; a missing image is a warning, since creating the container will fail.
 * With `platform`, a local image built for another platform counts as missing.
 */
export function reconcileImages(ctx: PlanContext, services: DesiredService[]): void {
  const byRef = new Map<string, DesiredService[]>();
  for (const service of services) {
    const list = byRef.get(service.image) ?? [];
    list.push(service);
    byRef.set(service.image, list);
  }
  for (const ref of [...byRef.keys()].sort(compareText)) {
    const users = byRef.get(ref)!;
    const builder = users.find((s) => s.build);
    const policy = users
      .map((s) => s.pullPolicy)
      .reduce((a, b) => (POLICY_WEIGHT[b] > POLICY_WEIGHT[a] ? b : a));
    const local = ctx.images.get(ref);
    const resource = `image ${ref}`;
    const names = users.map((s) => s.name).join(", ");
    const platform = wantedPlatform(ctx, ref, users);
    const otherPlatform =
      platform !== undefined && local !== undefined && !platformMatches(platform, local.platform);
    const present = local !== undefined && !otherPlatform;

    if (policy === "never") {
      if (!present) {
        ctx.builder.warn({
          severity: "warning",
          code: "image-missing",
          message: otherPlatform
            ? `image ${ref} is on the engine for ${local.platform ?? "another platform"} only, service ${names} wants ${platform}, and pull_policy is never; apply will fail to create the container`
            : `image ${ref} is not on the engine and pull_policy is never (service ${names}); apply will fail to create the container`,
          hint: otherPlatform
            ? `pull or build ${ref} for ${platform} on the engine first, or change platform or pull_policy`
            : `pull or build ${ref} on the engine first, or change pull_policy`,
        });
      }
      continue;
    }
    const everyTime = builder ? policy === "build" || policy === "always" : policy === "always";
    const refresh = !builder && policy === "refresh" ? refreshInterval(users) : undefined;
    const stale =
      present && refresh !== undefined && refreshDue(local.lastTagTime, refresh.interval, now(ctx));
    if (present && ((!everyTime && !stale) || ctx.options.freshImages?.includes(ref))) continue;

    if (builder?.build) {
      const op: BuildImage = {
        id: OperationIds.build(ref),
        after: [],
        resource,
        kind: "buildImage",
        image: ref,
        build: { ...builder.build, args: { ...builder.build.args } },
      };
      const secret = sensitiveBuildArgs(builder);
      if (secret.length > 0) op.sensitiveArgs = secret;
      ctx.builder.add(op);
      ctx.imageOps.set(ref, op.id);
      ctx.builder.note(
        resource,
        present ? "update" : "create",
        present
          ? `pull_policy ${policy}: rebuilt on every apply`
          : "not on the engine; built from the build context",
        buildFields(builder.build),
      );
      continue;
    }
    if (policy === "build") {
      ctx.builder.warn({
        severity: "warning",
        code: "build-without-context",
        message: `pull_policy is build for ${ref} (service ${names}) but no service builds it; it is pulled when missing instead`,
      });
    }
    const op: PullImage = {
      id: OperationIds.pull(ref),
      after: [],
      resource,
      kind: "pullImage",
      image: ref,
      policy,
    };
    if (platform !== undefined) {
      op.platform = platform;
      op.services = users.map((s) => s.name);
    }
    ctx.builder.add(op);
    ctx.imageOps.set(ref, op.id);
    ctx.builder.note(
      resource,
      local ? "update" : "create",
      pullReason({ local, present, platform, refresh, now: now(ctx), names }),
    );
  }
}

/**
 * What the plan shows of a build: where it builds from, and the options that make it differ from
 * a plain `docker build` of that folder. Args are left out: they may be secret.
 */
function buildFields(build: BuildSpec): FieldChange[] {
  const fields: [string, unknown][] = [["build.context", build.context]];
  if (build.dockerfileInline !== undefined) fields.push(["build.dockerfile_inline", build.dockerfileInline]);
  else if (build.dockerfile !== "Dockerfile") fields.push(["build.dockerfile", build.dockerfile]);
  if (build.target !== undefined) fields.push(["build.target", build.target]);
  if (build.tags && build.tags.length > 0) fields.push(["build.tags", build.tags]);
  if (build.noCache) fields.push(["build.no_cache", true]);
  if (build.pull) fields.push(["build.pull", true]);
  return fields.map(([path, after]) => ({ path, after, sensitive: false, forcesReplace: false }));
}

/** The plan's reason for a pull. */
function pullReason(why: {
  local: ObservedImage | undefined;
  present: boolean;
  platform: string | undefined;
  refresh: { interval: number; policy: string } | undefined;
  now: number;
  names: string;
}): string {
  const { local, present, platform, refresh } = why;
  if (!local) return platform ? `not on the engine; pulled for ${platform}` : "not on the engine; pulled";
  if (!present)
    return `on the engine for ${local.platform ?? "another platform"} only; pulled for ${platform} (service ${why.names})`;
  if (refresh)
    return local.lastTagTime
      ? `pull_policy ${refresh.policy}: last pulled or tagged ${ageText(local.lastTagTime, why.now)}; pulled again`
      : `pull_policy ${refresh.policy}: the engine has no pull time for it; pulled`;
  return "pull_policy always: pulled on every apply";
}

/** The shortest interval of the services that refresh the image, as the file wrote it. */
function refreshInterval(users: DesiredService[]): { interval: number; policy: string } | undefined {
  const intervals = users
    .filter((s) => s.pullPolicy === "refresh" && s.pullInterval !== undefined)
    .map((s) => s.pullInterval!);
  if (intervals.length === 0) return undefined;
  const interval = Math.min(...intervals);
  return { interval, policy: refreshPolicyText(interval) };
}

const refreshPolicyText = (interval: number): string =>
  interval === 86400e9 ? "daily" : interval === 7 * 86400e9 ? "weekly" : `every ${durationText(interval)}`;

/** Only the caller's clock makes a plan depend on time; without one (tests), now. */
const now = (ctx: PlanContext): number => ctx.options.now ?? Date.now();

/**
 * The platform the services of one image ask for. One local tag holds one platform, so services
 * that share a reference and ask for different ones cannot all be served: a warning, and the
 * first (by name) wins.
 */
function wantedPlatform(ctx: PlanContext, ref: string, users: DesiredService[]): string | undefined {
  const asking = users.filter((s) => s.platform !== undefined).sort((a, b) => compareText(a.name, b.name));
  const platforms = [...new Set(asking.map((s) => s.platform!))];
  if (platforms.length > 1) {
    ctx.builder.warn({
      severity: "warning",
      code: "image-platform-conflict",
      message: `services ${asking.map((s) => `${s.name} (${s.platform})`).join(", ")} share image ${ref} but ask for different platforms; it is pulled for ${platforms[0]}`,
      hint: "give each platform its own image reference (a tag per platform)",
    });
  }
  return platforms[0];
}
