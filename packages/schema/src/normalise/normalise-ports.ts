import type { ExposedPort, PortBinding } from "../model/desired-stack.js";
import {
  expandPorts,
  parseExpose,
  parsePortRange,
  parsePortShort,
  parseProtocol,
} from "../parse/port-spec.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import type { NormaliseContext, Path } from "./normalise-context.js";

export interface PortOrigin {
  binding: PortBinding;
  path: Path;
}

/** Published ports, one binding per port (ranges expanded), with the entry each came from. */
export function normalisePorts(service: ServiceInput, path: Path, ctx: NormaliseContext): PortOrigin[] {
  const origins: PortOrigin[] = [];
  (service.ports ?? []).forEach((entry, index) => {
    const entryPath = [...path, "ports", index];
    let result: ReturnType<typeof parsePortShort>;
    if (typeof entry === "string" || typeof entry === "number") {
      result = parsePortShort(entry);
    } else {
      const target = parsePortRange(entry.target, "target port");
      const published =
        entry.published === undefined ? undefined : parsePortRange(entry.published, "published port");
      const protocol = parseProtocol(entry.protocol);
      if (!target.ok) result = target;
      else if (published && !published.ok) result = published;
      else if (!protocol.ok) result = protocol;
      else result = expandPorts(target.value, published?.value, entry.host_ip || undefined, protocol.value);
    }
    if (!result.ok) {
      ctx.sink.error({
        code: "invalid-port",
        message: `services.${path[1]}.ports[${index}]: ${result.message}`,
        hint: result.hint ?? "see the Compose port syntax",
        path: entryPath,
      });
      return;
    }
    const metadata =
      typeof entry === "object"
        ? {
            ...(entry.name === undefined ? {} : { name: entry.name }),
            ...(entry.app_protocol === undefined ? {} : { appProtocol: entry.app_protocol }),
          }
        : {};
    for (const binding of result.value)
      origins.push({ binding: { ...binding, ...metadata }, path: entryPath });
  });
  return origins;
}

export function normaliseExpose(service: ServiceInput, path: Path, ctx: NormaliseContext): ExposedPort[] {
  const ports: ExposedPort[] = [];
  (service.expose ?? []).forEach((entry, index) => {
    const result = parseExpose(entry);
    if (!result.ok) {
      ctx.sink.error({
        code: "invalid-port",
        message: `services.${path[1]}.expose[${index}]: ${result.message}`,
        hint: result.hint ?? 'write it like "3000", "3000-3005" or "8080/udp"',
        path: [...path, "expose", index],
      });
      return;
    }
    ports.push(...result.value);
  });
  return ports;
}
