import type { ObservedPublishedPort } from "@stackform/schema";

/**
 * Bound ports as `docker ps` prints them (the docker CLI's `DisplayablePorts`): ports published
 * on the same number are grouped into ranges per address and protocol, `0.0.0.0:8080->8080/tcp`;
 * the others follow one by one, `127.0.0.1:8080->80/tcp`; IPv6 addresses are bracketed,
 * `[::]:8080->80/tcp`. Both `0.0.0.0` and `[::]` are listed when the engine bound both.
 */
export function formatPorts(ports: readonly ObservedPublishedPort[]): string {
  const sorted = [...ports].sort(
    (a, b) =>
      a.target - b.target ||
      compare(a.hostIp, b.hostIp) ||
      a.hostPort - b.hostPort ||
      compare(a.protocol, b.protocol),
  );
  const groups = new Map<string, { ip: string; protocol: string; first: number; last: number }>();
  const result: string[] = [];
  const mappings: string[] = [];
  for (const port of sorted) {
    if (port.hostPort !== port.target) {
      mappings.push(`${joinHostPort(port.hostIp, String(port.hostPort))}->${port.target}/${port.protocol}`);
      continue;
    }
    const key = `${port.hostIp}/${port.protocol}`;
    const group = groups.get(key);
    if (group && port.target === group.last + 1) {
      group.last = port.target;
      continue;
    }
    if (group) result.push(formGroup(group));
    // Re-setting a key keeps its first position in the Map, as the docker CLI keeps its key order.
    groups.set(key, { ip: port.hostIp, protocol: port.protocol, first: port.target, last: port.target });
  }
  for (const group of groups.values()) result.push(formGroup(group));
  return [...result, ...mappings].join(", ");
}

function formGroup(group: { ip: string; protocol: string; first: number; last: number }): string {
  const range = group.first === group.last ? `${group.first}` : `${group.first}-${group.last}`;
  return `${joinHostPort(group.ip, range)}->${range}/${group.protocol}`;
}

/** Go's net.JoinHostPort: an address with a colon (IPv6) is bracketed. */
const joinHostPort = (host: string, port: string) =>
  host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;

/** Byte order, as Go compares strings (not the locale's). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
