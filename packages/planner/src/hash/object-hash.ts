import { Labels } from "@stackform/schema/contract";
import { canonicalJson } from "./canonical-json.js";
import { CONFIG_HASH_VERSION } from "./config-hash.js";
import { sha256Hex } from "./sha256.js";

/**
 * Config hash of a network or volume spec: everything but its own hash label. Networks and
 * volumes have no in-place fields; a changed hash means the options changed.
 */
export function objectHash(spec: { labels: Record<string, string> }): string {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.labels)) {
    if (key !== Labels.configHash && key !== Labels.version) labels[key] = value;
  }
  return `${CONFIG_HASH_VERSION}:${sha256Hex(canonicalJson({ ...spec, labels }))}`;
}
