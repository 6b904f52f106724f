import type { DesiredService, DesiredStack } from "@stackform/schema";
import { CliError } from "./cli-error.js";

/** The named services of the stack file (all when none are named), in name order. */
export function pickServices(desired: DesiredStack, names: readonly string[]): DesiredService[] {
  const unknown = names.filter((name) => !desired.services[name]);
  if (unknown.length) {
    throw new CliError(
      `no service ${unknown.join(", ")} in stack ${desired.name}`,
      `services: ${Object.keys(desired.services).sort().join(", ")}`,
    );
  }
  return Object.values(desired.services)
    .filter((s) => names.length === 0 || names.includes(s.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}
