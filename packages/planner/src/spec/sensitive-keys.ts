import type { DesiredService, DesiredStack } from "@stackform/schema/contract";

/** Environment keys of a service whose values must never be printed (the normaliser decided). */
export function sensitiveEnvKeys(service: DesiredService): string[] {
  const sensitive = new Set(service.sensitiveKeys);
  return Object.keys(service.environment)
    .filter((key) => sensitive.has(key))
    .sort();
}

/** Build args whose values must never be printed (same rule as the environment). */
export function sensitiveBuildArgs(service: DesiredService): string[] {
  const sensitive = new Set(service.sensitiveKeys);
  return Object.keys(service.build?.args ?? {})
    .filter((key) => sensitive.has(key))
    .sort();
}

/**
 * The secret values of a stack, longest first, for scrubbing text Stackform did not write itself:
 * engine error messages, healthcheck output, build logs.
 */
export function sensitiveValues(desired: DesiredStack): string[] {
  const values = new Set<string>();
  for (const service of Object.values(desired.services)) {
    for (const key of sensitiveEnvKeys(service)) values.add(service.environment[key]!);
    for (const key of sensitiveBuildArgs(service)) values.add(service.build!.args[key]!);
    for (const file of service.injectedFiles ?? []) if (file.sensitive) values.add(file.content);
    for (const hook of [...(service.hooks?.postStart ?? []), ...(service.hooks?.preStop ?? [])])
      for (const key of hook.sensitiveKeys) values.add(hook.environment[key]!);
  }
  for (const secret of Object.values(desired.secrets))
    if (secret.value !== undefined) values.add(secret.value);
  return [...values].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
}
