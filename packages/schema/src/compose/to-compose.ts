import { Document, parse, Scalar, visit } from "yaml";
import type {
  DesiredFileObject,
  DesiredNetwork,
  DesiredStack,
  DesiredVolume,
} from "../model/desired-stack.js";
import { DEFAULT_NETWORK } from "../normalise/normalise-networking.js";
import { escapeInterpolation } from "./compose-values.js";
import { type ComposeMapping, serviceToCompose } from "./service-to-compose.js";

/**
 * The version of the JSON rendering, as `x-stackform: { format_version }`: Compose ignores top-level
 * `x-` keys, and the name is the `format_version` every other `--json` document carries.
 */
export const COMPOSE_FORMAT_VERSION = 1;

export interface ToComposeOptions {
  /** Adds `x-stackform: { format_version }`, for machine readers. */
  formatVersion?: boolean;
}

/** The engine name the loader derives when `name:` is absent. */
const impliedName = (key: string, external: boolean, stack: string) => (external ? key : `${stack}_${key}`);

function common(object: DesiredNetwork | DesiredVolume, stack: string, driver: string): ComposeMapping {
  const out: ComposeMapping = {};
  if (object.name !== impliedName(object.key, object.external, stack)) out.name = object.name;
  if (object.external) out.external = true;
  if (object.driver !== driver) out.driver = object.driver;
  if (Object.keys(object.driverOpts).length > 0) out.driver_opts = { ...object.driverOpts };
  return out;
}

function network(input: DesiredNetwork, stack: string): ComposeMapping {
  const out = common(input, stack, "bridge");
  if (input.ipam) {
    const ipam: ComposeMapping = {};
    if (input.ipam.driver !== undefined) ipam.driver = input.ipam.driver;
    if (input.ipam.config.length > 0) {
      ipam.config = input.ipam.config.map((c) => {
        const entry: ComposeMapping = {};
        if (c.subnet !== undefined) entry.subnet = c.subnet;
        if (c.ipRange !== undefined) entry.ip_range = c.ipRange;
        if (c.gateway !== undefined) entry.gateway = c.gateway;
        return entry;
      });
    }
    if (Object.keys(input.ipam.options).length > 0) ipam.options = { ...input.ipam.options };
    out.ipam = ipam;
  }
  if (input.internal) out.internal = true;
  if (input.attachable) out.attachable = true;
  if (input.enableIpv6) out.enable_ipv6 = true;
  if (Object.keys(input.labels).length > 0) out.labels = { ...input.labels };
  return out;
}

function volume(input: DesiredVolume, stack: string): ComposeMapping {
  const out = common(input, stack, "local");
  if (Object.keys(input.labels).length > 0) out.labels = { ...input.labels };
  return out;
}

/** The `default` network the loader adds by itself for the services that name no network. */
function isImpliedDefault(stack: DesiredStack, key: string, out: ComposeMapping): boolean {
  return (
    key === DEFAULT_NETWORK &&
    Object.keys(out).length === 0 &&
    Object.values(stack.services).some((service) => DEFAULT_NETWORK in service.networks)
  );
}

/** Every string value (never a key) with `$` escaped, as interpolation will read it. */
function escapeStrings(value: unknown): unknown {
  if (typeof value === "string") return escapeInterpolation(value);
  if (Array.isArray(value)) return value.map(escapeStrings);
  if (value !== null && typeof value === "object") {
    const out: ComposeMapping = {};
    for (const [key, entry] of Object.entries(value)) out[key] = escapeStrings(entry);
    return out;
  }
  return value;
}

/** Where the value comes from: a secret's variable by name, never its value. */
function fileObjectSource(object: DesiredFileObject): ComposeMapping {
  if (object.file !== undefined) return { file: object.file };
  if (object.environment !== undefined) return { environment: object.environment };
  return { content: object.value };
}

/**
 * A normalised stack as a Compose document: Compose key names and units, the long syntax for
 * ports, volumes and `depends_on`, absolute host paths, and only the keys the loader would not
 * fill in by itself. Loading the document gives the same stack back (apart from `files` and,
 * when it is written elsewhere, `workingDir`). Values are printed as given: redact first.
 */
export function toCompose(stack: DesiredStack, options: ToComposeOptions = {}): ComposeMapping {
  const doc: ComposeMapping = {};
  if (options.formatVersion) doc["x-stackform"] = { format_version: COMPOSE_FORMAT_VERSION };
  doc.name = stack.name;
  const objects = { secrets: stack.secrets, configs: stack.configs };
  const services: ComposeMapping = {};
  for (const [name, service] of Object.entries(stack.services))
    services[name] = serviceToCompose(service, stack.name, objects);
  doc.services = services;
  const networks: ComposeMapping = {};
  for (const [key, input] of Object.entries(stack.networks)) {
    const out = network(input, stack.name);
    if (!isImpliedDefault(stack, key, out)) networks[key] = out;
  }
  if (Object.keys(networks).length > 0) doc.networks = networks;
  const volumes: ComposeMapping = {};
  for (const [key, input] of Object.entries(stack.volumes)) volumes[key] = volume(input, stack.name);
  if (Object.keys(volumes).length > 0) doc.volumes = volumes;
  for (const kind of ["secrets", "configs"] as const) {
    const entries = Object.entries(stack[kind]);
    if (entries.length > 0)
      doc[kind] = Object.fromEntries(entries.map(([key, o]) => [key, fileObjectSource(o)]));
  }
  return escapeStrings(doc) as ComposeMapping;
}

/**
 * Strings that a YAML 1.1 reader (older Compose) would take for something else, like `no`, `on`
 * or `6:30`, and the merge key `<<`, are quoted: the plain form would not read back as written.
 */
function quoteAmbiguous(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== "string" || node.type !== undefined) return;
      let read: unknown;
      try {
        read = parse(node.value, { version: "1.1", logLevel: "silent" });
      } catch {
        read = undefined;
      }
      if (read !== node.value || node.value === "<<") node.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

/** `stack config`: Compose YAML, or JSON with `x-stackform.format_version`. */
export function renderCompose(stack: DesiredStack, format: "yaml" | "json"): string {
  if (format === "json") return `${JSON.stringify(toCompose(stack, { formatVersion: true }), null, 2)}\n`;
  // No anchors (every reader sees plain values) and no folded lines (commands stay on one line).
  const doc = new Document(toCompose(stack), { aliasDuplicateObjects: false });
  quoteAmbiguous(doc);
  return doc.toString({ lineWidth: 0 });
}
