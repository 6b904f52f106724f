import { isIP } from "node:net";
import type { ExposedPort, PortBinding, Protocol } from "../model/desired-stack.js";
import { failed, type Parsed, parsed } from "./parsed.js";

const PROTOCOLS: readonly string[] = ["tcp", "udp", "sctp"];
const SHORT_HINT = 'write it like "8080:80", "127.0.0.1:8080:80/udp", "3000-3005:3000-3005" or "80"';

interface PortRange {
  start: number;
  end: number;
}

/** A port number or range ("80", "3000-3005", 8080); 0 and numbers above 65535 are invalid. */
export function parsePortRange(input: string | number, what: string): Parsed<PortRange> {
  const text = String(input).trim();
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return failed(`${what} "${text}" is not a port or a port range`, SHORT_HINT);
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  for (const port of [start, end]) {
    if (port < 1 || port > 65535) {
      return failed(`${what} ${port} is out of range`, "ports are numbers from 1 to 65535");
    }
  }
  if (end < start)
    return failed(`${what} range "${text}" ends before it starts`, "write the lower port first");
  return parsed({ start, end });
}

export function parseProtocol(input: string | undefined): Parsed<Protocol> {
  const protocol = (input ?? "tcp").toLowerCase();
  if (!PROTOCOLS.includes(protocol)) {
    return failed(`"${input}" is not a protocol`, "use tcp, udp or sctp");
  }
  return parsed(protocol as Protocol);
}

/** Pairs a published range with a target range one to one, as Compose does. */
export function expandPorts(
  target: PortRange,
  published: PortRange | undefined,
  hostIp: string | undefined,
  protocol: Protocol,
): Parsed<PortBinding[]> {
  const count = target.end - target.start + 1;
  if (published && published.end - published.start + 1 !== count) {
    return failed(
      `the published range has ${published.end - published.start + 1} ports but the target range has ${count}`,
      "give both ranges the same length, like 3000-3005:3000-3005",
    );
  }
  const bindings: PortBinding[] = [];
  for (let i = 0; i < count; i++) {
    const binding: PortBinding = { target: target.start + i, protocol };
    if (published) binding.published = published.start + i;
    if (hostIp !== undefined) binding.hostIp = hostIp;
    bindings.push(binding);
  }
  return parsed(bindings);
}

const IP_HINT = "write an IPv4 or IPv6 address, like 127.0.0.1, 0.0.0.0 or ::1";

/**
 * The host address of a port binding. Only IP literals: the engine does not resolve names, and a
 * value it cannot parse makes it bind every address, which would publish a port meant to be
 * private. `form` says which syntax the address came from, so the hint can speak its language.
 */
export function parseHostIp(input: string, form: "short" | "long"): Parsed<string> {
  const text = input.trim();
  const family = isIP(text);
  if (family === 4) return parsed(text);
  if (family === 6) {
    if (text.includes("%"))
      return failed(
        `host IP "${text}" has a zone index`,
        "the engine binds addresses without a zone; remove the %… part",
      );
    return parsed(text);
  }
  if (/^\[.*\]$/.test(text) && isIP(text.slice(1, -1)) === 6) {
    return failed(
      `host IP "${text}" is in brackets`,
      `host_ip takes the address without brackets: ${text.slice(1, -1)}`,
    );
  }
  if (/^localhost$/i.test(text))
    return failed(`host IP "${text}" is a host name, not an IP address`, "use 127.0.0.1");
  if (/^\d+$/.test(text)) {
    return failed(
      `host IP "${text}" is a number, not an IP address`,
      form === "short"
        ? 'the short syntax is HOST_IP:PUBLISHED:TARGET; publish a port as "8080:80", or bind an address like "127.0.0.1:8080:80"'
        : IP_HINT,
    );
  }
  if (/^[\d.]+$/.test(text))
    return failed(
      `host IP "${text}" is not a complete IPv4 address`,
      "write all four numbers, like 127.0.0.1",
    );
  return failed(`host IP "${text}" is not an IP address`, `${IP_HINT}; host names are not resolved`);
}

/** Compose's short port syntax: `[[HOST_IP:]PUBLISHED:]TARGET[/PROTOCOL]`, ranges allowed. */
export function parsePortShort(input: string | number): Parsed<PortBinding[]> {
  const text = String(input).trim();
  const slash = text.lastIndexOf("/");
  const spec = slash >= 0 ? text.slice(0, slash) : text;
  const protocol = parseProtocol(slash >= 0 ? text.slice(slash + 1) : undefined);
  if (!protocol.ok) return protocol;

  let hostText: string | undefined;
  let parts: string[];
  if (spec.startsWith("[")) {
    const close = spec.indexOf("]:");
    if (close < 0) return failed(`"${text}" is not a port mapping`, SHORT_HINT);
    hostText = spec.slice(1, close);
    parts = spec.slice(close + 2).split(":");
    if (parts.length !== 2) return failed(`"${text}" is not a port mapping`, 'write it like "[::1]:8080:80"');
    if (isIP(hostText) !== 6) {
      return failed(
        `"${hostText}" in "${text}" is not an IPv6 address`,
        isIP(hostText) === 4 ? `brackets are for IPv6; write "${hostText}:${parts.join(":")}"` : IP_HINT,
      );
    }
  } else {
    parts = spec.split(":");
    if (parts.length > 3) {
      return failed(
        `"${text}" is not a port mapping`,
        'put an IPv6 host address in brackets, like "[::1]:8080:80"',
      );
    }
    if (parts.length === 3) hostText = parts.shift();
  }
  let hostIp: string | undefined;
  if (hostText !== undefined && hostText !== "") {
    const host = parseHostIp(hostText, "short");
    if (!host.ok) return failed(`"${text}": ${host.message}`, host.hint);
    hostIp = host.value;
  }
  const [first, second] = parts as [string, string | undefined];
  const targetText = second ?? first;
  const publishedText = second === undefined ? undefined : first;

  const target = parsePortRange(targetText, "target port");
  if (!target.ok) return target;
  let published: PortRange | undefined;
  if (publishedText !== undefined && publishedText !== "") {
    const result = parsePortRange(publishedText, "published port");
    if (!result.ok) return result;
    published = result.value;
  }
  return expandPorts(target.value, published, hostIp, protocol.value);
}

/** `expose:` entries: "3000", "3000-3005", "8080/udp" or a number. */
export function parseExpose(input: string | number): Parsed<ExposedPort[]> {
  const text = String(input).trim();
  const [portText = "", protocolText] = text.split("/");
  const protocol = parseProtocol(protocolText);
  if (!protocol.ok) return protocol;
  const range = parsePortRange(portText, "exposed port");
  if (!range.ok) return range;
  const ports: ExposedPort[] = [];
  for (let port = range.value.start; port <= range.value.end; port++)
    ports.push({ port, protocol: protocol.value });
  return parsed(ports);
}
