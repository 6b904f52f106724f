import type { DeviceMapping } from "../model/desired-stack.js";
import { parseDurationValue } from "./duration.js";
import { failed, type Parsed, parsed } from "./parsed.js";

/** An integer written as a number or a string (Compose allows strings for interpolated values). */
export function parseInteger(input: unknown, min?: number, max?: number): Parsed<number> {
  const text = typeof input === "number" ? String(input) : typeof input === "string" ? input.trim() : "";
  if (!/^-?\d+$/.test(text))
    return failed(`${JSON.stringify(input)} is not a whole number`, "write an integer");
  const value = Number(text);
  if ((min !== undefined && value < min) || (max !== undefined && value > max))
    return failed(`${value} is out of range`, `write a number from ${min} to ${max}`);
  return parsed(value);
}

const PERMISSIONS = /^[rwm]{1,3}$/;

/** `/dev/x[:/dev/y][:rwm]` as `docker run --device` reads it. */
export function parseDevice(input: string): Parsed<DeviceMapping> {
  // CDI names (`vendor.com/class=name`) need the engine's CDI support (API 1.44).
  if (!input.startsWith("/"))
    return failed(
      `"${input}" is not a host device path`,
      "write /dev/<device>[:/dev/<in container>][:rwm]; CDI device names need a newer engine (API 1.44)",
    );
  const parts = input.split(":");
  const [source = "", second, third] = parts;
  if (parts.length > 3) return failed(`"${input}" has too many parts`, "write source[:target][:permissions]");
  if (parts.length === 2 && second !== undefined && PERMISSIONS.test(second))
    return parsed({ source, target: source, permissions: second });
  if (third !== undefined && !PERMISSIONS.test(third))
    return failed(`"${third}" are not device permissions`, "use a combination of r, w and m, like rwm");
  return parsed({ source, target: second || source, permissions: third ?? "rwm" });
}

export function checkPermissions(value: string): Parsed<string> {
  return PERMISSIONS.test(value)
    ? parsed(value)
    : failed(`"${value}" are not device permissions`, "use a combination of r, w and m, like rwm");
}

/** `pid`, `uts`, `userns_mode`: the engine takes `host` (or nothing, its own namespace). */
export function checkHostOnly(key: string): (value: string | null) => Parsed<string | null> {
  return (value) =>
    value === null || value === "" || value === "host"
      ? parsed(value)
      : failed(
          `${key} "${value}" is not supported`,
          value.startsWith("service:") || value.startsWith("container:")
            ? `sharing another container's ${key} namespace is not supported yet; use host or remove ${key}`
            : `use host, or remove ${key}`,
        );
}

const IPC_MODES = new Set(["host", "private", "shareable", "none"]);

/** `service:<name>` shares the namespace of that service's first container. */
const SERVICE_MODE = /^service:[^:]+$/;

export function checkIpc(value: string): Parsed<string> {
  if (IPC_MODES.has(value) || SERVICE_MODE.test(value)) return parsed(value);
  return failed(
    `ipc "${value}" is not supported`,
    value.startsWith("container:")
      ? "share the IPC namespace of a service in this stack with service:<name>"
      : "use host, private, shareable, none or service:<name>",
  );
}

/** `pid`: `host`, `service:<name>`, or nothing (the container's own namespace). */
export function checkPid(value: string | null): Parsed<string | null> {
  if (value === null || value === "" || value === "host" || SERVICE_MODE.test(value)) return parsed(value);
  return failed(
    `pid "${value}" is not supported`,
    value.startsWith("container:")
      ? "share the process namespace of a service in this stack with service:<name>"
      : "use host or service:<name>, or remove pid",
  );
}

export function checkMacAddress(value: string): Parsed<string> {
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(value)
    ? parsed(value)
    : failed(`"${value}" is not a MAC address`, "write six hex pairs, like 02:42:ac:11:00:02");
}

/** Microseconds as a number, or a duration (`cpu_rt_period: 1s`), as Compose takes CPU periods. */
export function parseMicroseconds(input: unknown): Parsed<number> {
  if (typeof input === "number" || /^\s*\d+\s*$/.test(String(input))) return parseInteger(input, 0);
  const duration = parseDurationValue(input);
  if (!duration.ok)
    return failed(
      `${JSON.stringify(input)} is not a period`,
      "write microseconds, like 100000, or a duration, like 100ms",
    );
  return parsed(Math.round(duration.value / 1e3));
}

/** `0-3`, `0,1`, `1-2,4`: CPU or memory-node lists. */
export function checkCpuset(value: string): Parsed<string> {
  return /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(value)
    ? parsed(value)
    : failed(`"${value}" is not a list of CPUs`, 'write CPU numbers and ranges, like "0-3" or "0,2"');
}
