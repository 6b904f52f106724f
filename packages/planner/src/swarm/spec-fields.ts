import {
  Labels,
  STACK_IMAGE_LABEL,
  STACK_NAMESPACE_LABEL,
  type SwarmServiceSpec,
  type SwarmUpdateConfig,
} from "@stackform/schema/contract";
import { canonicalJson } from "../hash/canonical-json.js";

const BOOKKEEPING_LABELS = new Set([
  STACK_NAMESPACE_LABEL,
  STACK_IMAGE_LABEL,
  Labels.buildContext,
  Labels.buildDigest,
]);

/** One compared value of a service spec, under its path in stack-file terms. */
export interface SpecField {
  path: string;
  value: unknown;
  /** For JSON comparison: objects compare by content, whatever their key order. */
  key: string;
}

/** Swarm pins an image to its digest when the deploying client resolved it; a tag alone still matches. */
const imageOf = (image: string): string => image.replace(/@sha256:[0-9a-f]{64}$/, "");

/**
 * The fields of a service spec that the plan compares, flattened to stack-file paths
 * (`environment.DB_HOST`, `deploy.update_config`). The same projection is applied to the desired
 * spec and to the observed one, so a field Swarm fills with a default on both sides never shows as
 * a change. `networkName` maps the network ids an observed spec holds to names.
 */
export function specFields(
  spec: SwarmServiceSpec,
  networkName: (idOrName: string) => string = (n) => n,
): SpecField[] {
  const c = spec.TaskTemplate.ContainerSpec;
  const out: SpecField[] = [];
  const put = (path: string, raw: unknown) => {
    if (raw === undefined) return;
    if (Array.isArray(raw) && raw.length === 0) return;
    if (raw !== null && typeof raw === "object" && Object.keys(raw).length === 0) return;
    // Shown in stack-file terms: `max_failure_ratio`, not the API's `MaxFailureRatio`.
    const value = snakeKeys(raw);
    out.push({ path, value, key: canonicalJson(value) });
  };
  put("image", imageOf(c.Image));
  put("entrypoint", c.Command);
  put("command", c.Args);
  for (const entry of c.Env ?? []) {
    const at = entry.indexOf("=");
    put(`environment.${at < 0 ? entry : entry.slice(0, at)}`, at < 0 ? "" : entry.slice(at + 1));
  }
  for (const [k, v] of Object.entries(c.Labels ?? {})) if (k !== STACK_NAMESPACE_LABEL) put(`labels.${k}`, v);
  // The namespace and image labels are bookkeeping (the image is compared itself), not the user's.
  // So are the build labels: a built image's digest is compared by plan-swarm, in full.
  for (const [k, v] of Object.entries(spec.Labels ?? {}))
    if (!BOOKKEEPING_LABELS.has(k)) put(`deploy.labels.${k}`, v);
  put("hostname", c.Hostname);
  put("working_dir", c.Dir);
  put("user", c.User);
  put("init", c.Init);
  put("stop_signal", c.StopSignal);
  put("stop_grace_period", c.StopGracePeriod);
  put("read_only", c.ReadOnly || undefined);
  put("healthcheck", c.Healthcheck);
  put("volumes", c.Mounts);
  // By name: the name carries the value's digest, and the id is the engine's bookkeeping.
  put(
    "secrets",
    c.Secrets?.map((r) => ({
      source: r.SecretName,
      target: r.File.Name,
      uid: r.File.UID,
      gid: r.File.GID,
      mode: r.File.Mode,
    })),
  );
  put(
    "configs",
    c.Configs?.map((r) => ({
      source: r.ConfigName,
      target: r.File.Name,
      uid: r.File.UID,
      gid: r.File.GID,
      mode: r.File.Mode,
    })),
  );
  if ("Global" in spec.Mode) put("deploy.mode", "global");
  else put("deploy.replicas", spec.Mode.Replicated.Replicas);
  put("deploy.resources", spec.TaskTemplate.Resources);
  put("deploy.restart_policy", spec.TaskTemplate.RestartPolicy);
  const { Platforms: platforms, ...placement } = spec.TaskTemplate.Placement ?? {};
  put("deploy.placement", placement);
  put(
    "platform",
    platforms?.map((p) => `${p.OS}/${p.Architecture}`),
  );
  put("deploy.update_config", withSwarmDefaults(spec.UpdateConfig));
  put("deploy.rollback_config", withSwarmDefaults(spec.RollbackConfig));
  // Swarm's default endpoint mode is a virtual IP: unset and `vip` are the same.
  put("deploy.endpoint_mode", spec.EndpointSpec?.Mode === "dnsrr" ? "dnsrr" : undefined);
  put("ports", spec.EndpointSpec?.Ports);
  put(
    "networks",
    (spec.TaskTemplate.Networks ?? []).map((n) => ({
      network: networkName(n.Target),
      aliases: [...(n.Aliases ?? [])].sort(),
    })),
  );
  return out;
}

/** Swarm stores an update or rollback config with these two filled in when they are not given. */
function withSwarmDefaults(config: SwarmUpdateConfig | undefined): SwarmUpdateConfig | undefined {
  if (config === undefined) return undefined;
  return { FailureAction: "pause", MaxFailureRatio: 0, ...config };
}

const snake = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();

/** API keys to snake_case, recursively; string values and record keys inside arrays of strings stay. */
function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), snakeKeys(v)]));
}
