import type { Engine } from "@stackform/engine";
import type { ObservedContainer } from "@stackform/schema";
import { CliError } from "./cli-error.js";

/**
 * The running stack's replicas (one-off `run` containers left out) of the named services, or of
 * every service when none is named, sorted by service then number. Naming a service with no
 * container is an error that lists the ones that have some.
 */
export async function serviceContainers(
  engine: Engine,
  stack: string,
  services: readonly string[],
): Promise<ObservedContainer[]> {
  const observed = await engine.observe(stack);
  const replicas = observed.containers.filter((c) => !c.oneOff);
  const known = new Set(replicas.map((c) => c.service));
  const unknown = services.filter((s) => !known.has(s));
  if (unknown.length) {
    throw new CliError(
      `no containers for service ${unknown.join(", ")} in stack ${stack} on ${engine.endpoint}`,
      `services with containers: ${[...known].sort().join(", ") || "none (run `stack apply` first)"}`,
    );
  }
  return replicas
    .filter((c) => services.length === 0 || services.includes(c.service))
    .sort((a, b) => a.service.localeCompare(b.service) || a.number - b.number);
}

/** Replica `index` (Compose's `--index`, from 1) of one service. */
export async function serviceReplica(
  engine: Engine,
  stack: string,
  service: string,
  index = 1,
): Promise<ObservedContainer> {
  const containers = await serviceContainers(engine, stack, [service]);
  const found = containers.find((c) => c.number === index);
  if (!found) {
    throw new CliError(
      `service ${service} has no replica ${index}`,
      `its replicas: ${containers.map((c) => c.number).join(", ")}`,
    );
  }
  return found;
}
