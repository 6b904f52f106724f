import { withStackLock } from "@stackform/applier";
import type { Engine } from "@stackform/engine";
import { renderPlan, sensitiveValues } from "@stackform/planner";
import type { DesiredStack, Diagnostic } from "@stackform/schema";
import { executePlan } from "../execute-plan.js";
import { lockHolder, lockOptions } from "../lock-holder.js";
import { observeAndPlan } from "../make-plan.js";
import { wantsColor } from "../output.js";
import type { ProgressMode } from "../progress/reporter.js";

export interface ApplyStackOptions {
  progress: ProgressMode;
  lockTimeoutMs: number;
  waitTimeoutMs: number;
  warnings: Diagnostic[];
}

/**
 * `stack apply -y` without the prompt, as `compose watch` runs `up` first and again for a
 * `rebuild` (whose new image id makes the plan replace the service's containers). The plan goes
 * to stderr as context; the summary is the result, as apply prints it.
 */
export async function applyStack(
  engine: Engine,
  desired: DesiredStack,
  options: ApplyStackOptions,
): Promise<void> {
  await withStackLock(
    engine,
    desired.name,
    lockHolder("watch"),
    lockOptions(options.lockTimeoutMs),
    async () => {
      const { plan } = await observeAndPlan(engine, desired, { waitAll: false, warnings: options.warnings });
      if (options.progress !== "json") {
        process.stderr.write(renderPlan(plan, { format: "human", color: wantsColor(process.stderr) }));
      }
      if (plan.operations.length === 0) return;
      await executePlan(plan, engine, {
        concurrency: 8,
        waitTimeoutMs: options.waitTimeoutMs,
        progress: options.progress,
        verb: "Apply",
        secrets: sensitiveValues(desired),
      });
    },
  );
}
