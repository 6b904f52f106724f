import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import type { PortBinding } from "../model/desired-stack.js";

type Path = (string | number)[];

interface Claim {
  service: string;
  path: Path;
  hostIp: string;
}

const ANY = ["", "0.0.0.0", "::"];
const show = (b: PortBinding): string => `${b.hostIp ? `${b.hostIp}:` : ""}${b.published}/${b.protocol}`;

/**
 * Host ports claimed so far. A port on every address (no host IP) collides with the same port on
 * any single address, as it does on the engine.
 */
export class PortRegistry {
  private readonly claims = new Map<string, Claim[]>();

  constructor(private readonly sink: DiagnosticSink) {}

  claim(service: string, binding: PortBinding, replicas: number, path: Path): void {
    if (binding.published === undefined) return;
    if (replicas > 1) {
      this.sink.error({
        code: "port-conflict",
        message: `services.${service} publishes host port ${show(binding)} and has ${replicas} replicas: only one can bind it`,
        hint: 'leave the host port out ("80") so the engine picks one per replica, or run one replica',
        path,
      });
    }
    const key = `${binding.published}/${binding.protocol}`;
    const hostIp = binding.hostIp ?? "";
    const claims = this.claims.get(key) ?? [];
    const clash = claims.find((c) => c.hostIp === hostIp || ANY.includes(c.hostIp) || ANY.includes(hostIp));
    if (clash) {
      const other = clash.service === service ? "another entry of this service" : `services.${clash.service}`;
      this.sink.error({
        code: "port-conflict",
        message: `host port ${show(binding)} is published twice: by services.${service} and ${other}`,
        hint: "publish each host port once; change one of the two host ports",
        path,
      });
    }
    claims.push({ service, path, hostIp });
    this.claims.set(key, claims);
  }
}
