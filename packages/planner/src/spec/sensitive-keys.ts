import { type DesiredService, isSensitiveKey } from "@stackform/schema";

/** Environment keys of a service whose values must never be printed: declared, or by name. */
export function sensitiveEnvKeys(service: DesiredService): string[] {
  const declared = new Set(service.sensitiveKeys);
  return Object.keys(service.environment)
    .filter((key) => declared.has(key) || isSensitiveKey(key))
    .sort();
}

/** Build args whose values must never be printed (same rule as the environment). */
export function sensitiveBuildArgs(service: DesiredService): string[] {
  const declared = new Set(service.sensitiveKeys);
  return Object.keys(service.build?.args ?? {})
    .filter((key) => declared.has(key) || isSensitiveKey(key))
    .sort();
}
