import type { ContainerStatus } from "@stackform/engine";
import type { WaitCondition } from "@stackform/planner";
import { StackformError } from "@stackform/schema/contract";

/**
 * A wait that failed or ran out of time. The message names the service, the condition and what
 * the engine last said, so the user can act without running `docker inspect`.
 */
export class WaitError extends StackformError {
  override readonly name = "WaitError";
  constructor(
    message: string,
    readonly service: string,
    readonly condition: WaitCondition,
    readonly lastStatus: ContainerStatus,
  ) {
    super(message);
  }
}

/** The condition as the end of "service db did not …". */
export function conditionPhrase(condition: WaitCondition): string {
  switch (condition) {
    case "running":
      return "start";
    case "healthy":
      return "become healthy";
    case "exited0":
      return "complete successfully";
  }
}

const MAX_CHECK_OUTPUT = 200;

/** `last state: running, health: unhealthy, last check: "pg_isready: no response"`. */
export function describeStatus(status: ContainerStatus): string {
  const parts = [`last state: ${status.state}`];
  if (status.health) parts.push(`health: ${status.health}`);
  if (
    (status.state === "exited" || status.state === "dead" || status.state === "restarting") &&
    status.exitCode !== undefined
  ) {
    parts.push(`exit code: ${status.exitCode}`);
  }
  if (status.oomKilled) parts.push("killed: out of memory");
  if (status.error) parts.push(`error: ${oneLine(status.error)}`);
  if (status.lastHealthOutput?.trim())
    parts.push(`last check: ${JSON.stringify(oneLine(status.lastHealthOutput))}`);
  return parts.join(", ");
}

// Healthcheck output is often multi-line and long (curl bodies); one trimmed line keeps the
// message readable and the last part of it is rarely what matters.
function oneLine(text: string): string {
  const flat = text.trim().replace(/\s+/g, " ");
  return flat.length > MAX_CHECK_OUTPUT ? `${flat.slice(0, MAX_CHECK_OUTPUT - 1)}…` : flat;
}
