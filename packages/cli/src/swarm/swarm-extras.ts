import type { SwarmServiceExtras } from "@stackform/schema";

type Doc = Record<string, unknown>;

const asObject = (value: unknown): Doc | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Doc) : undefined;

/**
 * The Swarm-only keys of each service (`deploy.mode`, `placement`, `endpoint_mode`, `labels`,
 * ports' `mode`), which the normalised stack does not carry because one
 * engine has no use for them. Read from the documents in merge order: a later file's key wins.
 * The schema has already validated their shape.
 */
export function swarmExtras(docs: Doc[]): Record<string, SwarmServiceExtras> {
  const out: Record<string, SwarmServiceExtras> = {};
  for (const doc of docs) {
    for (const [key, raw] of Object.entries(asObject(doc.services) ?? {})) {
      const service = asObject(raw);
      if (!service) continue;
      const extras: SwarmServiceExtras = out[key] ?? { labels: {}, portModes: {} };
      out[key] = extras;
      const deploy = asObject(service.deploy);
      if (deploy?.mode === "global" || deploy?.mode === "replicated") extras.mode = deploy.mode;
      if (deploy?.endpoint_mode === "vip" || deploy?.endpoint_mode === "dnsrr")
        extras.endpointMode = deploy.endpoint_mode;
      const labels = deploy?.labels;
      if (Array.isArray(labels)) {
        for (const entry of labels) {
          const text = String(entry);
          const at = text.indexOf("=");
          extras.labels[at < 0 ? text : text.slice(0, at)] = at < 0 ? "" : text.slice(at + 1);
        }
      } else {
        for (const [k, v] of Object.entries(asObject(labels) ?? {})) extras.labels[k] = String(v);
      }
      const placement = asObject(deploy?.placement);
      if (placement) {
        const preferences = Array.isArray(placement.preferences) ? placement.preferences : [];
        extras.placement = {
          constraints: Array.isArray(placement.constraints) ? placement.constraints.map(String) : [],
          preferences: preferences.flatMap((p) => {
            const spread = asObject(p)?.spread;
            return typeof spread === "string" ? [spread] : [];
          }),
          ...(typeof placement.max_replicas_per_node === "number"
            ? { maxReplicas: placement.max_replicas_per_node }
            : {}),
        };
      }
      for (const port of Array.isArray(service.ports) ? service.ports : []) {
        const long = asObject(port);
        if (!long || (long.mode !== "host" && long.mode !== "ingress")) continue;
        const protocol = typeof long.protocol === "string" ? long.protocol : "tcp";
        extras.portModes[`${long.target}/${protocol}`] = long.mode;
      }
    }
  }
  return out;
}
