import type { ApplyResult } from "@stackform/applier";
import type { Painter } from "./output.js";

/** The account after an apply or destroy: counts, time, and every failure and skip with its reason. */
export function formatSummary(
  result: ApplyResult,
  options: { verb: string; endpoint: string; color: Painter },
): string {
  const { color } = options;
  const count = (status: string) => result.outcomes.filter((o) => o.status === status).length;
  const succeeded = count("succeeded");
  const failed = count("failed");
  const skipped = count("skipped");
  const notRun = count("cancelled") + count("not-run");
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const head = result.succeeded
    ? color.green(`${options.verb} complete!`)
    : color.red(notRun > 0 && failed === 0 ? `${options.verb} interrupted.` : `${options.verb} failed.`);
  let out = `\n${head} ${succeeded} operations succeeded, ${failed} failed, ${skipped} skipped, ${notRun} not started, in ${seconds}s on ${options.endpoint}.\n`;
  for (const o of result.outcomes) {
    if (o.status === "failed")
      out += `  ${color.red("✘")} ${o.operation.id} (${o.operation.resource}): ${o.error?.message ?? "failed"}\n`;
    if (o.status === "skipped")
      out += `  ${color.dim("-")} ${o.operation.id}: skipped, ${o.reason ?? "a dependency failed"}\n`;
  }
  if (!result.succeeded)
    out += "Nothing that succeeded was rolled back; run the same command again to converge.\n";
  return out;
}
