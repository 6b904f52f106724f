import type { ObservedState, StackInventory } from "@stackform/schema/contract";
import { canonicalJson } from "../hash/canonical-json.js";
import { sha256Hex } from "../hash/sha256.js";
import { restartText } from "../reconcile/format-values.js";
import { endpointSettings } from "../spec/endpoint-options.js";
import { compareText } from "../util/compare.js";

/**
 * The observed state reduced to what a plan depends on, one small record of display strings per
 * resource (`container app-web-1` → `{state: "running", ...}`), so a stale saved plan can say
 * what changed. No secret is in it: the observed state holds none.
 */
export type FingerprintDetail = Record<string, Record<string, string>>;

export function fingerprintDetail(observed: ObservedState): FingerprintDetail {
  const entries: [string, Record<string, string>][] = [];
  for (const c of observed.containers) {
    entries.push([
      `container ${c.name}`,
      {
        id: c.id,
        "config hash": c.configHash ?? "none",
        "image id": c.imageId,
        state: c.state,
        networks: Object.keys(c.networks)
          .sort(compareText)
          .map((name) => {
            const e = c.networks[name]!;
            const { ipv4Address: _ipv4, ...settings } = endpointSettings(e);
            const extra = Object.keys(settings).length > 0 ? canonicalJson(settings) : "";
            return `${name}[${[...e.aliases].sort(compareText).join(" ")}]${e.ipv4Address ? `@${e.ipv4Address}` : ""}${extra}`;
          })
          .join(", "),
        restart: restartText(c.restart),
        resources: canonicalJson(c.resources),
      },
    ]);
  }
  for (const n of observed.networks)
    entries.push([`network ${n.name}`, { id: n.id, "config hash": n.configHash ?? "none" }]);
  for (const v of observed.volumes)
    entries.push([`volume ${v.name}`, { driver: v.driver, owner: v.stack ?? "none" }]);
  for (const i of observed.images) entries.push([`image ${i.ref}`, { id: i.id }]);
  entries.sort(([a], [b]) => compareText(a, b));
  return Object.fromEntries(entries);
}

/** `sha256:…` over the detail: equal for equal observed states, whatever their list order. */
export function fingerprintOf(detail: FingerprintDetail): string {
  return `sha256:${sha256Hex(canonicalJson(detail))}`;
}

export const fingerprint = (observed: ObservedState): string => fingerprintOf(fingerprintDetail(observed));

/** A destroy plan's: the objects it removes, as the engine's lists showed them. */
export const inventoryFingerprint = (inventory: StackInventory): string =>
  fingerprintOf(
    Object.fromEntries([
      ...inventory.containers.map((c) => [`container ${c.name}`, { id: c.id, state: c.state }]),
      ...inventory.networks.map((n) => [`network ${n.name}`, { id: n.id }]),
      ...inventory.volumes.map((v) => [`volume ${v.name}`, { driver: v.driver, owner: v.stack ?? "none" }]),
    ]),
  );

/** What differs between a saved detail and the current one, in words, one line per resource. */
export function describeFingerprintChanges(saved: FingerprintDetail, current: FingerprintDetail): string[] {
  const lines: string[] = [];
  for (const key of [...new Set([...Object.keys(saved), ...Object.keys(current)])].sort(compareText)) {
    const before = saved[key];
    const after = current[key];
    if (!after) lines.push(`${key} is gone`);
    else if (!before) lines.push(`${key} appeared`);
    else {
      const diffs = [...new Set([...Object.keys(before), ...Object.keys(after)])]
        .sort(compareText)
        .filter((field) => before[field] !== after[field])
        .map((field) => `${field} ${before[field] || "(none)"} → ${after[field] || "(none)"}`);
      if (diffs.length > 0) lines.push(`${key} changed: ${diffs.join(", ")}`);
    }
  }
  return lines;
}
