import { withStackLock } from "@stackform/applier";
import type { Engine } from "@stackform/engine";
import { type Plan, planDestroy, renderPlan } from "@stackform/planner";
import { executePlan } from "./execute-plan.js";
import { lockHolder, lockOptions } from "./lock-holder.js";
import { wantsColor } from "./output.js";
import type { ProgressMode } from "./progress/reporter.js";

export interface DestroyStackOptions {
  volumes: boolean;
  lockTimeoutMs: number;
  progress: ProgressMode;
  /** Asked with the plan shown; `false` leaves everything as it is. */
  confirm(plan: Plan): Promise<boolean>;
}

/**
 * Under the stack's lock: plan the removal from what the engine holds, show it, confirm, run it,
 * and drop the stack's owner/expiry labels. Shared by `stack destroy` and `stack gc`.
 * Returns `false` when the user declined.
 */
export async function destroyStack(
  engine: Engine,
  stack: string,
  options: DestroyStackOptions,
): Promise<boolean> {
  return withStackLock(engine, stack, lockHolder("destroy"), lockOptions(options.lockTimeoutMs), async () => {
    const plan = planDestroy(await engine.observe(stack), { volumes: options.volumes });
    process.stderr.write(`Engine: ${engine.endpoint}\n`);
    process.stderr.write(renderPlan(plan, { format: "human", color: wantsColor(process.stderr) }));
    if (plan.operations.length > 0) {
      if (!(await options.confirm(plan))) return false;
      await executePlan(plan, engine, {
        concurrency: 16,
        waitTimeoutMs: 0,
        progress: options.progress,
        verb: "Destroy",
      });
    }
    await engine.writeStackMeta(stack, {});
    return true;
  });
}
