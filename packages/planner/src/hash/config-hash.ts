import { type ContainerSpec, Labels } from "@stackform/schema/contract";
import { canonicalJson } from "./canonical-json.js";
import { sha256Hex } from "./sha256.js";

/**
 * The version prefix of every container config hash. Bump it only together with a new hasher kept
 * beside the old one: a container whose hash has an unknown version is kept (with a warning), never
 * recreated by surprise because Stackform was upgraded.
 */
export const CONFIG_HASH_VERSION = "v1";

/**
 * Labels left out of the hash: the hash itself; the Stackform version (an upgrade must not recreate
 * containers); and `replaces`, which the new half of a replace keeps after its rename and which
 * says nothing about the container's configuration.
 */
const UNHASHED_LABELS: ReadonlySet<string> = new Set([Labels.configHash, Labels.version, Labels.replaces]);

/**
 * The hash of the fields whose change forces a new container. Left out, and why:
 * - `name`: a container is renamed in place; a name change is compared separately.
 * - `restart`, `resources`: `docker update` changes them on a live container, so they are compared
 *   with the live values (which also catches a manual `docker update` as drift).
 * - `networks`: connected and disconnected in place, compared with the live endpoints. With
 *   networks, `networkMode` only names the first of them, so it is hashed as `"network"`:
 *   joining another network (which may sort first) must not recreate the container. The other
 *   modes (host, none, bridge, `container:<name>`) are fixed at create and hashed as they are.
 * - the labels above.
 * Everything else (image, command, entrypoint, env, labels, user, working dir, hostname, tty,
 * stdin, stop signal and timeout, healthcheck, ports, mounts, init, privileged, read-only, caps,
 * dns, extra hosts) cannot change on a live container, so it is in. A field added to ContainerSpec
 * later is in by default: forcing a new container is the safe mistake.
 *
 * Values of sensitive environment keys (the service's `sensitiveKeys`) are hashed on
 * their own first, so the canonical text never holds a secret while a changed secret still
 * changes the hash; so are the contents of copied-in secrets (`files`). Anonymous volume mounts must be hashed before the planner carries an old
 * anonymous volume's name over into them; the planner does so.
 */
export function configHash(spec: ContainerSpec, sensitiveKeys: Iterable<string> = []): string {
  const {
    name: _name,
    restart: _restart,
    resources: _resources,
    networks: _networks,
    env,
    labels,
    files,
    ...rest
  } = spec;
  const declared = new Set(sensitiveKeys);
  const hashedEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    hashedEnv[key] = declared.has(key) ? `sha256:${sha256Hex(value)}` : value;
  }
  const hashedLabels: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (!UNHASHED_LABELS.has(key)) hashedLabels[key] = value;
  const networkMode = spec.networks.some((n) => n.network === spec.networkMode)
    ? "network"
    : spec.networkMode;
  // Absent rather than empty, so containers without copied-in files keep the hash they had.
  const hashedFiles = files?.map((file) =>
    file.sensitive ? { ...file, content: `sha256:${sha256Hex(file.content)}` } : file,
  );
  const hashed = { ...rest, networkMode, env: hashedEnv, labels: hashedLabels };
  return `${CONFIG_HASH_VERSION}:${sha256Hex(canonicalJson(hashedFiles ? { ...hashed, files: hashedFiles } : hashed))}`;
}

/** `v1` of `v1:abc…`; `undefined` when the text has no version prefix. */
export function hashVersion(hash: string): string | undefined {
  const colon = hash.indexOf(":");
  return colon > 0 ? hash.slice(0, colon) : undefined;
}

/** `v1:3f2a9c81d0e4…`: enough to tell two hashes apart in a cause. */
export const shortHash = (hash: string): string => {
  const colon = hash.indexOf(":");
  return colon > 0 && hash.length > colon + 13 ? `${hash.slice(0, colon + 13)}…` : hash;
};
