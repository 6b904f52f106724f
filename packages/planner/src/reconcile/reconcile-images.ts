import type { DesiredService, PullPolicy } from "@stackform/schema";
import type { BuildImage, PullImage } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import { sensitiveBuildArgs } from "../spec/sensitive-keys.js";
import { compareText } from "../util/compare.js";
import type { PlanContext } from "./plan-context.js";

/** When services share an image reference, the most eager policy wins. */
const POLICY_WEIGHT: Record<PullPolicy, number> = { never: 0, missing: 1, always: 2, build: 3 };

/**
 * One pull or build per image reference, before every container that uses it:
 * - `missing` (default): pull, or build for a `build:` service, when the engine lacks the image;
 * - `always`: pull on every apply, or rebuild for a `build:` service;
 * - `build`: rebuild on every apply;
 * - `never`: nothing; a missing image is a warning, since creating the container will fail.
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
    const present = ctx.images.has(ref);
    const resource = `image ${ref}`;
    const names = users.map((s) => s.name).join(", ");

    if (policy === "never") {
      if (!present) {
        ctx.builder.warn({
          severity: "warning",
          code: "image-missing",
          message: `image ${ref} is not on the engine and pull_policy is never (service ${names}); apply will fail to create the container`,
          hint: `pull or build ${ref} on the engine first, or change pull_policy`,
        });
      }
      continue;
    }
    const everyTime = builder ? policy === "build" || policy === "always" : policy === "always";
    if (present && !everyTime) continue;

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
        [{ path: "build.context", after: builder.build.context, sensitive: false, forcesReplace: false }],
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
    ctx.builder.add(op);
    ctx.imageOps.set(ref, op.id);
    ctx.builder.note(
      resource,
      present ? "update" : "create",
      present ? "pull_policy always: pulled on every apply" : "not on the engine; pulled",
    );
  }
}
