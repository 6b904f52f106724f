import type { ObservedContainer, Resources } from "@stackform/schema/contract";
import { compareContainer } from "../compare/compare-container.js";
import type { FieldChange } from "../model/plan.js";
import { isComposeMade } from "./compose-name.js";
import { referencedContainers } from "./container-ops.js";
import { RESOURCE_FIELDS } from "./format-values.js";
import type { PlanContext } from "./plan-context.js";
import type { Slot } from "./slot.js";

export interface ReplaceReason {
  cause: string;
  fields: FieldChange[];
}

const forcing = (path: string, before: unknown, after: unknown): FieldChange => ({
  path,
  before,
  after,
  sensitive: false,
  forcesReplace: true,
});

/** `sha256:3f2a9c81d0e4…` */
const shortId = (id: string): string => (id.length > 19 ? `${id.slice(0, 19)}…` : id);

/**
 * Why the observed container cannot be kept, or `undefined` when it can (drift is then repaired
 * in place): every field fixed at create that differs, compared with the live container.
 */
export function replaceReason(
  ctx: PlanContext,
  slot: Slot,
  current: ObservedContainer,
): ReplaceReason | undefined {
  if (current.name !== slot.name) {
    // A Compose-made container that differs in more than its name: say what else differs.
    if (isComposeMade(ctx, slot, current)) {
      const rest = replaceReason(ctx, { ...slot, name: current.name }, current);
      const name = forcing("container_name", current.name, slot.name);
      return rest
        ? { cause: rest.cause, fields: [name, ...rest.fields] }
        : { cause: causeOf([name]), fields: [name] };
    }
    return {
      cause: `container name ${current.name} → ${slot.name} forces a new container`,
      fields: [forcing("container_name", current.name, slot.name)],
    };
  }
  if (current.state === "dead") return { cause: "the container is dead and cannot be started", fields: [] };
  // Starting it could meet a runtime task the engine lost track of (an apply or the engine
  // itself was interrupted between create and start): a new container is the sure way.
  if (current.state === "created")
    return { cause: "created but never started (an interrupted apply?)", fields: [] };
  const target = namespaceTarget(slot);
  if (target && ctx.newContainers.has(target)) {
    return { cause: `it shares the network namespace of ${target}, which is recreated`, fields: [] };
  }
  const named = referencedContainers(slot.spec).find((name) => ctx.newContainers.has(name));
  if (named) {
    const what =
      slot.spec.pidMode === `container:${named}`
        ? "the process namespace"
        : slot.spec.ipcMode === `container:${named}`
          ? "the IPC namespace"
          : slot.spec.volumesFrom?.some((v) => v.replace(/:(ro|rw)$/, "") === named)
            ? "the volumes"
            : undefined;
    return {
      cause: what
        ? `it shares ${what} of ${named}, which is recreated`
        : `it links to ${named}, which is recreated`,
      fields: [],
    };
  }
  // The hash label is a fast path: equal hashes mean equal configurations. Otherwise (a change, a
  // container Compose or an older Stackform made) the live configuration is the truth.
  const trusted = ctx.options.trustConfigHash !== false && current.configHash === slot.hash;
  if (!trusted) {
    const fields = compareContainer(slot.spec, current.config, {
      containerId: current.id,
      image: current.image,
      labels: current.labels,
      sensitiveEnv: new Set(slot.sensitiveEnv),
      namedVolumes: ctx.stackVolumes,
      containerNames: ctx.containerNames,
    });
    if (fields.length > 0) return { cause: causeOf(fields), fields };
  }
  const lifted = liftedLimits(slot, current);
  if (lifted.length > 0) {
    return {
      cause: `removing the ${lifted.map((f) => f.path).join(" and ")} limit needs a new container (docker update cannot remove it)`,
      fields: lifted,
    };
  }
  const image = ctx.images.get(slot.spec.image);
  if (image && current.image === slot.spec.image && image.id !== current.imageId) {
    return {
      cause: `image ${slot.spec.image} now points to ${shortId(image.id)}, the container runs ${shortId(current.imageId)}`,
      fields: [forcing("image (id)", shortId(current.imageId), shortId(image.id))],
    };
  }
  return undefined;
}

/** `image a → b forces a new container`, `command and ports changed`, `environment.A, … and 3 more changed`. */
function causeOf(fields: FieldChange[]): string {
  const image = fields.find((f) => f.path === "image");
  if (image) return `image ${String(image.before)} → ${String(image.after)} forces a new container`;
  const paths = [...new Set(fields.map((f) => f.path))];
  const named = paths.length > 4 ? [...paths.slice(0, 3), `${paths.length - 3} more`] : paths;
  const list =
    named.length === 1 ? named[0]! : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
  return `${list} changed`;
}

/** Limits the engine keeps when `docker update` sends 0 (and refuses -1 for memory). */
const UNLIFTABLE = new Set<keyof Resources>(["memoryLimit", "memoryReservation", "nanoCpus", "cpuShares"]);

/** Limits set on the live container that the stack file no longer sets. */
function liftedLimits(slot: Slot, current: ObservedContainer): FieldChange[] {
  return RESOURCE_FIELDS.filter(({ key }) => UNLIFTABLE.has(key))
    .filter(({ key }) => (current.resources[key] ?? 0) > 0 && (slot.spec.resources[key] ?? 0) <= 0)
    .map(({ key, path, show }) => forcing(path, show(current.resources[key]!), "unlimited"));
}

/** `app-db-1` for `network_mode: service:db`. */
const namespaceTarget = (slot: Slot): string | undefined =>
  slot.spec.networkMode.startsWith("container:")
    ? slot.spec.networkMode.slice("container:".length)
    : undefined;
