import { type DesiredService, TEMPORARY_NAME_SUFFIX } from "@stackform/schema/contract";

/** `<stack>-<service>-<n>`, or `container_name` (which the loader allows with one replica only). */
export const containerName = (stack: string, service: DesiredService, number: number): string =>
  service.containerName ?? `${stack}-${service.name}-${number}`;

/** The new half of a replace lives under this name until the old container is gone. */
export const temporaryName = (finalName: string): string => `${finalName}${TEMPORARY_NAME_SUFFIX}`;

export const isTemporaryName = (name: string): boolean => name.endsWith(TEMPORARY_NAME_SUFFIX);

export const finalNameOf = (temporary: string): string => temporary.slice(0, -TEMPORARY_NAME_SUFFIX.length);

/** How many containers a service runs: `container_name` pins it to one. */
export const replicasOf = (service: DesiredService): number =>
  service.containerName === undefined ? service.replicas : Math.min(service.replicas, 1);
