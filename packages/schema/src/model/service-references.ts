import type { DesiredService } from "./desired-stack.js";

export interface ContainerReference {
  /** The service whose first container is named. */
  service: string;
  key: "network_mode" | "pid" | "ipc" | "volumes_from" | "links";
  /** Where in the service it is written: `["volumes_from", 1]`. */
  path: (string | number)[];
}

const sharedNamespace = (mode: string | undefined): string | undefined =>
  mode?.startsWith("service:") ? mode.slice("service:".length) : undefined;

/**
 * The services whose first container this service's containers name at create (a namespace to
 * join, volumes to copy): each must exist first, and replacing it replaces this one too.
 */
export function containerReferences(service: DesiredService): ContainerReference[] {
  const refs: ContainerReference[] = [];
  if (service.networkMode?.kind === "service")
    refs.push({ service: service.networkMode.service, key: "network_mode", path: ["network_mode"] });
  const pid = sharedNamespace(service.pid);
  if (pid !== undefined) refs.push({ service: pid, key: "pid", path: ["pid"] });
  const ipc = sharedNamespace(service.ipc);
  if (ipc !== undefined) refs.push({ service: ipc, key: "ipc", path: ["ipc"] });
  for (const [index, entry] of (service.volumesFrom ?? []).entries())
    if (entry.kind === "service")
      refs.push({ service: entry.name, key: "volumes_from", path: ["volumes_from", index] });
  for (const [index, link] of (service.links ?? []).entries())
    refs.push({ service: link.name, key: "links", path: ["links", index] });
  return refs;
}
