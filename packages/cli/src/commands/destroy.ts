import { withStackLock } from "@stackform/applier";
import { planDestroy, renderPlan } from "@stackform/planner";
import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { durationFlag } from "../durations.js";
import { executePlan } from "../execute-plan.js";
import type { GlobalOptions } from "../global-options.js";
import { lockHolder } from "../lock-holder.js";
import { wantsColor } from "../output.js";
import type { ProgressMode } from "../progress/reporter.js";
import { confirm } from "../prompt.js";
import { resolveStackName } from "../stack-name.js";

export interface DestroyFlags extends GlobalOptions {
  volumes: boolean;
  lockTimeout: string;
  progress: ProgressMode;
}

export async function destroyCommand(options: DestroyFlags): Promise<void> {
  const lockTimeoutMs = durationFlag("--lock-timeout", options.lockTimeout);
  const stack = await resolveStackName(options);
  await withEngine(options, (engine) =>
    withStackLock(engine, stack, lockHolder("destroy"), { timeoutMs: lockTimeoutMs }, async () => {
      const observed = await engine.observe(stack);
      const plan = planDestroy(observed, { volumes: options.volumes });
      process.stderr.write(`Engine: ${engine.endpoint}\n`);
      process.stderr.write(renderPlan(plan, { format: "human", color: wantsColor(process.stderr) }));
      if (plan.operations.length === 0) return;
      const doomed = plan.operations.flatMap((op) => (op.kind === "removeVolume" ? [op.volume] : []));
      const question = doomed.length
        ? `\nDestroy stack ${stack}? Data in volume${doomed.length > 1 ? "s" : ""} ${doomed.join(", ")} will be deleted permanently.`
        : `\nDestroy stack ${stack}? Named volumes and their data are kept (pass --volumes to delete them).`;
      if (!(await confirm(question, options.yes)))
        throw new CliError("destroy cancelled; nothing was changed");
      await executePlan(plan, engine, {
        concurrency: 16,
        waitTimeoutMs: 0,
        progress: options.progress,
        verb: "Destroy",
      });
    }),
  );
}
