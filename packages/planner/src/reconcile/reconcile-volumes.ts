import { Labels } from "@stackform/schema/contract";
import { shortHash } from "../hash/config-hash.js";
import type { CreateVolume } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import { buildVolumeSpec } from "../spec/object-specs.js";
import { compareText } from "../util/compare.js";
import type { PlanContext } from "./plan-context.js";

export const VOLUME_KEPT_CAUSE =
  "not in the stack file; kept — data is only deleted by `stack destroy --volumes`";

/**
 * Volumes are created when missing and otherwise never touched by `apply`: one dropped from the
 * file is reported and kept, one whose options changed is used as is with a warning, since
 * recreating it would delete its data.
 */
export function reconcileVolumes(ctx: PlanContext): void {
  const { desired, builder } = ctx;
  const wanted = new Set<string>();
  for (const key of Object.keys(desired.volumes).sort(compareText)) {
    const volume = desired.volumes[key]!;
    wanted.add(volume.name);
    const observed = ctx.volumes.get(volume.name);
    const resource = `volume ${key}`;
    if (volume.external) {
      if (!observed) {
        builder.warn({
          severity: "warning",
          code: "external-volume-missing",
          message: `external volume ${volume.name} does not exist; apply will fail to create the containers that mount it`,
          hint: `create it first: docker volume create ${volume.name}`,
        });
      }
      continue;
    }
    const spec = buildVolumeSpec(desired.name, volume);
    if (!observed) {
      const op: CreateVolume = {
        id: OperationIds.createVolume(volume.name),
        after: [],
        resource,
        kind: "createVolume",
        volume: spec,
      };
      builder.add(op);
      ctx.volumeOps.set(volume.name, op.id);
      builder.note(resource, "create", "not on the engine", [
        { path: "driver", after: spec.driver, sensitive: false, forcesReplace: false },
      ]);
      continue;
    }
    if (observed.stack !== desired.name) {
      builder.warn({
        severity: "warning",
        code: "volume-not-owned",
        message: `volume ${volume.name} exists but was not created by stack ${desired.name}; it is used as is`,
        hint: "mark it `external: true` if that is intended",
      });
      continue;
    }
    const before = observed.labels[Labels.configHash];
    const after = spec.labels[Labels.configHash]!;
    if (observed.driver !== spec.driver || (before !== undefined && before !== after)) {
      const what =
        observed.driver !== spec.driver
          ? `driver ${observed.driver} → ${spec.driver}`
          : `options changed (${shortHash(before ?? "")} → ${shortHash(after)})`;
      builder.warn({
        severity: "warning",
        code: "volume-changed",
        message: `volume ${key}: ${what} in the stack file, but volumes are never recreated by apply (that would delete the data); the existing volume is used as is`,
        hint: "to recreate it, back up the data and run `stack destroy --volumes`, then apply",
      });
    }
  }
  for (const observed of [...ctx.volumes.values()].sort((a, b) => compareText(a.name, b.name))) {
    if (observed.stack !== desired.name || wanted.has(observed.name)) continue;
    builder.note(`volume ${observed.labels[Labels.key] ?? observed.name}`, "keep", VOLUME_KEPT_CAUSE);
  }
}
