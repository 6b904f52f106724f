import type { Resources, RestartPolicy } from "@stackform/schema/contract";

/** `on-failure:3`, `always`: the restart policy as the stack file writes it. */
export const restartText = (policy: RestartPolicy): string =>
  policy.name === "on-failure" && policy.maximumRetryCount > 0
    ? `on-failure:${policy.maximumRetryCount}`
    : policy.name;

/** `256MiB`: sizes as people write them; exact bytes when not a whole unit. */
export function bytesText(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (unit < units.length - 1 && value >= 1024 && value % 1024 === 0) {
    value /= 1024;
    unit++;
  }
  return `${value}${units[unit]}`;
}

/** Stack-file paths and display forms of the resource fields Docker updates in place. */
export const RESOURCE_FIELDS: readonly {
  key: keyof Resources;
  path: string;
  show: (value: number) => string | number;
}[] = [
  { key: "memoryLimit", path: "deploy.resources.limits.memory", show: bytesText },
  { key: "memoryReservation", path: "deploy.resources.reservations.memory", show: bytesText },
  { key: "memswapLimit", path: "memswap_limit", show: bytesText },
  { key: "nanoCpus", path: "deploy.resources.limits.cpus", show: (n) => n / 1e9 },
  { key: "cpuShares", path: "cpu_shares", show: (n) => n },
  { key: "pidsLimit", path: "deploy.resources.limits.pids", show: (n) => n },
];
