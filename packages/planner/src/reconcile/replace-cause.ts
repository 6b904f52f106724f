import type { EngineMount, ObservedContainer, Resources } from "@stackform/schema";
import { CONFIG_HASH_VERSION, hashVersion, shortHash } from "../hash/config-hash.js";
import { sha256Hex } from "../hash/sha256.js";
import type { FieldChange } from "../model/plan.js";
import { compareText } from "../util/compare.js";
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
 * in place). The observed container does not carry its full old spec, so the cause names what
 * can be seen (image reference, image id, labels, mounts, name) and otherwise the hash change.
 */
export function replaceReason(
  ctx: PlanContext,
  slot: Slot,
  current: ObservedContainer,
): ReplaceReason | undefined {
  if (current.name !== slot.name) {
    return {
      cause: `container name ${current.name} → ${slot.name} forces a new container`,
      fields: [forcing("container_name", current.name, slot.name)],
    };
  }
  if (current.state === "dead") return { cause: "the container is dead and cannot be started", fields: [] };
  const target = namespaceTarget(slot);
  if (target && ctx.newContainers.has(target)) {
    return { cause: `it shares the network namespace of ${target}, which is recreated`, fields: [] };
  }
  if (current.configHash === undefined) {
    return { cause: "it has no config hash label (not created by Stackform)", fields: [] };
  }
  const version = hashVersion(current.configHash);
  if (version !== CONFIG_HASH_VERSION) {
    ctx.builder.warn({
      severity: "warning",
      code: "config-hash-version",
      message: `container ${current.name} was created by a Stackform with config hash ${version ?? "(unversioned)"}; its configuration cannot be compared by this version (${CONFIG_HASH_VERSION}), so it is kept as is`,
      hint: "to recreate it with this version, remove it (docker rm -f) and apply",
    });
    return undefined;
  }
  if (current.configHash !== slot.hash) {
    const fields = visibleDifferences(ctx, slot, current);
    const first = fields[0];
    const cause = !first
      ? `configuration changed (config hash ${shortHash(current.configHash)} → ${shortHash(slot.hash)})`
      : first.path === "image"
        ? `image ${String(first.before)} → ${String(first.after)} forces a new container`
        : `${first.path} changed`;
    return { cause, fields };
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

function visibleDifferences(ctx: PlanContext, slot: Slot, current: ObservedContainer): FieldChange[] {
  const fields: FieldChange[] = [];
  if (current.image !== slot.spec.image) fields.push(forcing("image", current.image, slot.spec.image));
  // Only the stack file's own labels: the engine merges the image's labels into the container's.
  for (const key of Object.keys(slot.service.labels).sort(compareText)) {
    const after = slot.service.labels[key];
    if (current.labels[key] !== after) fields.push(forcing(`labels.${key}`, current.labels[key], after));
  }
  for (const key of Object.keys(slot.spec.env).sort(compareText)) {
    const digest = sha256Hex(`${current.id}\0${slot.spec.env[key]}`);
    const old = current.envDigests[key];
    if (old === digest) continue;
    fields.push({
      path: `environment.${key}`,
      before: old === undefined ? undefined : "(previous value)",
      after: slot.spec.env[key],
      sensitive: slot.sensitiveEnv.includes(key),
      forcesReplace: true,
    });
  }
  const before = new Map(current.mounts.map((m) => [m.target, describeObservedMount(ctx, m)]));
  const after = new Map(slot.spec.mounts.map((m) => [m.target, describeMount(m)]));
  for (const target of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
    if (before.get(target) !== after.get(target))
      fields.push(forcing(`volumes[${target}]`, before.get(target), after.get(target)));
  }
  return fields;
}

function describeMount(mount: EngineMount): string {
  switch (mount.type) {
    case "volume":
      return mount.source === undefined ? "anonymous volume" : `volume ${mount.source}`;
    case "bind":
      return `bind ${mount.source}`;
    case "tmpfs":
      return "tmpfs";
  }
}

function describeObservedMount(ctx: PlanContext, mount: ObservedContainer["mounts"][number]): string {
  switch (mount.type) {
    case "volume":
      return ctx.stackVolumes.has(mount.source) ? `volume ${mount.source}` : "anonymous volume";
    case "bind":
      return `bind ${mount.source}`;
    case "tmpfs":
      return "tmpfs";
  }
}
