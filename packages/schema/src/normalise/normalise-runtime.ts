import type { Dependency, Healthcheck, Resources, RestartPolicy } from "../model/desired-stack.js";
import { parseByteSize } from "../parse/byte-size.js";
import { parseCpus } from "../parse/cpus.js";
import { parseDurationValue } from "../parse/duration.js";
import { parseRestartPolicy } from "../parse/restart-policy.js";
import { shellSplit } from "../parse/shell-split.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";

const duration = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const result = parseDurationValue(value);
  return result.ok ? result.value : undefined;
};

const bytes = (value: string | number | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const result = parseByteSize(value);
  return result.ok ? result.value : undefined;
};

/** `command`/`entrypoint`: a string is split like a shell would, without expansion. */
export function normaliseCommand(
  value: string | string[] | null | undefined,
  path: Path,
  ctx: NormaliseContext,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return [...value];
  const words = shellSplit(value);
  if (words.ok) return words.value;
  ctx.sink.error({
    code: "invalid-command",
    message: `${path.join(".")}: ${words.message}`,
    hint: words.hint ?? "",
    path,
  });
  return undefined;
}

export function normaliseHealthcheck(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): Healthcheck | undefined {
  const input = service.healthcheck;
  if (input === undefined) return undefined;
  if (input.disable) return { test: ["NONE"] };
  let test: string[] = [];
  if (typeof input.test === "string") test = ["CMD-SHELL", input.test];
  else if (Array.isArray(input.test)) {
    const [kind] = input.test;
    if (kind !== "CMD" && kind !== "CMD-SHELL" && kind !== "NONE") {
      ctx.sink.error({
        code: "invalid-healthcheck",
        message: `services.${path[1]}.healthcheck.test must start with CMD, CMD-SHELL or NONE`,
        hint: 'write ["CMD", "prog", "arg"], ["CMD-SHELL", "a shell command"], or the command as one string',
        path: [...path, "healthcheck", "test"],
      });
    } else if (kind !== "NONE" && input.test.length < 2) {
      ctx.sink.error({
        code: "invalid-healthcheck",
        message: `services.${path[1]}.healthcheck.test names ${kind} but no command`,
        hint: 'add the command, like ["CMD", "pg_isready"]',
        path: [...path, "healthcheck", "test"],
      });
    }
    test = [...input.test];
  }
  // An empty test keeps the image's own healthcheck and overrides only the timings.
  const healthcheck: Healthcheck = { test };
  const interval = duration(input.interval);
  const timeout = duration(input.timeout);
  const startPeriod = duration(input.start_period);
  if (interval !== undefined) healthcheck.interval = interval;
  if (timeout !== undefined) healthcheck.timeout = timeout;
  if (startPeriod !== undefined) healthcheck.startPeriod = startPeriod;
  if (input.retries !== undefined) healthcheck.retries = input.retries;
  return healthcheck;
}

export function normaliseDependsOn(service: ServiceInput): Record<string, Dependency> {
  const input = service.depends_on;
  if (input === undefined) return {};
  if (Array.isArray(input)) {
    return sortedRecord(
      input.map((name) => [name, { condition: "service_started", restart: false, required: true }]),
    );
  }
  return sortedRecord(
    Object.entries(input).map(([name, d]) => [
      name,
      {
        condition: d.condition ?? "service_started",
        restart: d.restart ?? false,
        required: d.required ?? true,
      },
    ]),
  );
}

export function normaliseRestart(service: ServiceInput): RestartPolicy {
  if (service.restart === undefined) return { name: "no", maximumRetryCount: 0 };
  const result = parseRestartPolicy(service.restart);
  return result.ok ? result.value : { name: "no", maximumRetryCount: 0 };
}

/** Two spellings of one setting (`mem_limit` and `deploy.resources.limits.memory`) must agree. */
function pick<T>(
  a: T | undefined,
  b: T | undefined,
  names: [string, string],
  path: Path,
  ctx: NormaliseContext,
): T | undefined {
  if (a !== undefined && b !== undefined && a !== b) {
    ctx.sink.error({
      code: "conflicting-keys",
      message: `services.${path[1]} sets ${names[0]} and ${names[1]} to different values`,
      hint: `keep one of ${names[0]} and ${names[1]}`,
      path,
    });
  }
  return a ?? b;
}

export function normaliseResources(service: ServiceInput, path: Path, ctx: NormaliseContext): Resources {
  const limits = service.deploy?.resources?.limits;
  const reservations = service.deploy?.resources?.reservations;
  const resources: Resources = {};
  const memoryLimit = pick(
    bytes(limits?.memory),
    bytes(service.mem_limit),
    ["deploy.resources.limits.memory", "mem_limit"],
    path,
    ctx,
  );
  const memoryReservation = pick(
    bytes(reservations?.memory),
    bytes(service.mem_reservation),
    ["deploy.resources.reservations.memory", "mem_reservation"],
    path,
    ctx,
  );
  const cpu = (value: string | number | undefined) => {
    if (value === undefined) return undefined;
    const result = parseCpus(value);
    return result.ok ? result.value : undefined;
  };
  const nanoCpus = pick(
    cpu(limits?.cpus),
    cpu(service.cpus),
    ["deploy.resources.limits.cpus", "cpus"],
    path,
    ctx,
  );
  const pidsLimit = pick(
    limits?.pids,
    service.pids_limit,
    ["deploy.resources.limits.pids", "pids_limit"],
    path,
    ctx,
  );
  const memswap = service.memswap_limit === -1 ? -1 : bytes(service.memswap_limit);
  if (memoryLimit !== undefined) resources.memoryLimit = memoryLimit;
  if (memoryReservation !== undefined) resources.memoryReservation = memoryReservation;
  if (memswap !== undefined) resources.memswapLimit = memswap;
  if (nanoCpus !== undefined) resources.nanoCpus = nanoCpus;
  if (service.cpu_shares !== undefined) resources.cpuShares = service.cpu_shares;
  if (pidsLimit !== undefined) resources.pidsLimit = pidsLimit;
  return resources;
}

export function normaliseReplicas(service: ServiceInput, path: Path, ctx: NormaliseContext): number {
  return pick(service.deploy?.replicas, service.scale, ["deploy.replicas", "scale"], path, ctx) ?? 1;
}

export function normaliseStopGracePeriod(service: ServiceInput): number | undefined {
  return duration(service.stop_grace_period);
}
