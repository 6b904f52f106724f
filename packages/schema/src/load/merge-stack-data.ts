import { parseVolumeShort } from "../parse/volume-spec.js";

type Data = Record<string, unknown>;

const isMapping = (value: unknown): value is Data =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A `KEY=value` list (or a mapping) as a mapping, so overrides merge per key. */
function listToMapping(value: unknown, bare: (item: string) => [string, unknown]): unknown {
  if (!Array.isArray(value)) return value;
  const mapping: Data = {};
  for (const item of value) {
    if (typeof item !== "string") return value;
    const [key, entry] = bare(item);
    mapping[key] = entry;
  }
  return mapping;
}

const keyValue = (item: string): [string, unknown] => {
  const eq = item.indexOf("=");
  return eq < 0 ? [item, null] : [item.slice(0, eq), item.slice(eq + 1)];
};

/** Appends the override's items, skipping those already present. */
function appendUnique(base: unknown[], override: unknown[]): unknown[] {
  const seen = new Set(base.map((item) => JSON.stringify(item)));
  return [...base, ...override.filter((item) => !seen.has(JSON.stringify(item)))];
}

/** Merges sequences whose entries are unique by a key: a later entry with the same key replaces. */
function mergeByKey(base: unknown[], override: unknown[], keyOf: (item: unknown) => string): unknown[] {
  const result = [...base];
  for (const item of override) {
    const key = keyOf(item);
    const index = result.findIndex((existing) => keyOf(existing) === key);
    if (index >= 0) result[index] = item;
    else result.push(item);
  }
  return result;
}

const volumeTarget = (item: unknown): string => {
  if (typeof item === "string") {
    const parsed = parseVolumeShort(item);
    return parsed.ok ? parsed.value.target : item;
  }
  return isMapping(item) ? String(item.target) : JSON.stringify(item);
};

const fileObjectTarget = (item: unknown): string =>
  typeof item === "string"
    ? item
    : isMapping(item)
      ? String(item.target ?? item.source)
      : JSON.stringify(item);

const portKey = (item: unknown): string =>
  isMapping(item) ? JSON.stringify([item.host_ip, item.target, item.published, item.protocol]) : String(item);

/** Generic Compose merge: mappings deeply, sequences appended, scalars overridden. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (isMapping(base) && isMapping(override)) {
    const result: Data = { ...base };
    for (const [key, value] of Object.entries(override)) {
      result[key] = key in base ? deepMerge(base[key], value) : value;
    }
    return result;
  }
  if (Array.isArray(base) && Array.isArray(override)) return appendUnique(base, override);
  return override;
}

/** Merges one service definition over another with Compose's per-key rules. */
export function mergeService(base: unknown, override: unknown): unknown {
  if (!isMapping(base) || !isMapping(override)) return override;
  const result: Data = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const previous = base[key];
    if (!(key in base)) {
      result[key] = value;
      continue;
    }
    switch (key) {
      case "command":
      case "entrypoint":
        result[key] = value;
        break;
      case "healthcheck":
        result[key] =
          isMapping(previous) && isMapping(value) && "test" in value
            ? { ...(deepMerge(previous, value) as Data), test: value.test }
            : deepMerge(previous, value);
        break;
      case "environment":
      case "labels":
        result[key] = deepMerge(listToMapping(previous, keyValue), listToMapping(value, keyValue));
        break;
      case "depends_on":
        result[key] = deepMerge(
          listToMapping(previous, (item) => [item, { condition: "service_started" }]),
          listToMapping(value, (item) => [item, { condition: "service_started" }]),
        );
        break;
      case "networks":
        result[key] = deepMerge(
          listToMapping(previous, (item) => [item, null]),
          listToMapping(value, (item) => [item, null]),
        );
        break;
      case "build": {
        const asObject = (b: unknown) => {
          if (typeof b === "string") return { context: b };
          if (isMapping(b) && Array.isArray(b.args)) return { ...b, args: listToMapping(b.args, keyValue) };
          return b;
        };
        result[key] = deepMerge(asObject(previous), asObject(value));
        break;
      }
      case "volumes":
        result[key] =
          Array.isArray(previous) && Array.isArray(value) ? mergeByKey(previous, value, volumeTarget) : value;
        break;
      case "secrets":
      case "configs":
        result[key] =
          Array.isArray(previous) && Array.isArray(value)
            ? mergeByKey(previous, value, fileObjectTarget)
            : value;
        break;
      case "ports":
        result[key] =
          Array.isArray(previous) && Array.isArray(value) ? mergeByKey(previous, value, portKey) : value;
        break;
      default:
        result[key] = deepMerge(previous, value);
    }
  }
  return result;
}

/** Merges stack files in order, later ones overriding earlier ones (Compose merge rules). */
export function mergeStackData(files: readonly unknown[]): unknown {
  const [first, ...rest] = files;
  let merged = first;
  for (const next of rest) {
    if (!isMapping(merged) || !isMapping(next)) {
      merged = next;
      continue;
    }
    const result: Data = { ...merged };
    for (const [key, value] of Object.entries(next)) {
      const previous = merged[key];
      if (key === "services" && isMapping(previous) && isMapping(value)) {
        const services: Data = { ...previous };
        for (const [name, service] of Object.entries(value)) {
          services[name] = name in previous ? mergeService(previous[name], service) : service;
        }
        result[key] = services;
      } else {
        result[key] = key in merged ? deepMerge(previous, value) : value;
      }
    }
    merged = result;
  }
  return merged;
}
