import type { ApplyResult } from "@stackform/applier";
import type { Painter } from "./output.js";

/**
 * The account when the engine went away mid-apply, said once instead of a raw line per
 * operation: which engine, what got done, what was in flight, what never started, and that a
 * re-run converges.
 */
export function formatConnectionLost(
  result: ApplyResult,
  options: { verb: string; endpoint: string; color: Painter; raw?: string },
): string {
  const { color } = options;
  const count = (status: string) => result.outcomes.filter((o) => o.status === status).length;
  const inFlight = result.outcomes.filter((o) => o.status === "failed").map((o) => o.operation.id);
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  let out = `\n${color.red(`${options.verb} stopped: the engine connection was lost`)} (${options.endpoint}), after ${seconds}s.\n`;
  out += `  ${result.connectionLost?.message ?? "the engine stopped answering"}\n`;
  if (options.raw) out += `  ${color.dim("Engine said:")} ${options.raw}\n`;
  out += `  Done: ${count("succeeded")} operations succeeded before it was lost.\n`;
  if (inFlight.length > 0)
    out += `  In flight, outcome unknown: ${inFlight.length} (${inFlight.join(", ")}).\n`;
  out += `  Not started: ${count("cancelled") + count("skipped")}.\n`;
  out +=
    "Nothing was rolled back. Once the engine answers again (docker info), run the same command again: it converges.\n";
  return out;
}
