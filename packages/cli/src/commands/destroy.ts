import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { destroyStack } from "../destroy-stack.js";
import { destroyStackFile } from "../destroy-stack-file.js";
import { durationFlag } from "../durations.js";
import type { GlobalOptions } from "../global-options.js";
import type { ProgressMode } from "../progress/reporter.js";
import { confirm } from "../prompt.js";
import { resolveStack } from "../stack-name.js";
import { stackTarget } from "../swarm/stack-target.js";

export interface DestroyFlags extends GlobalOptions {
  volumes: boolean;
  lockTimeout: string;
  progress: ProgressMode;
}

export async function destroyCommand(options: DestroyFlags): Promise<void> {
  const lockTimeoutMs = durationFlag("--lock-timeout", options.lockTimeout);
  const { name: stack, desired } = await resolveStack(options);
  if ((await stackTarget(options)) === "swarm") {
    return (await import("../swarm/swarm-destroy-command.js")).swarmDestroyCommand(options, stack);
  }
  // The stack file, loaded already when the name came from it.
  const stackFile = desired ? Promise.resolve(desired) : destroyStackFile(options, stack);
  await withEngine(options, async (engine) => {
    const result = await destroyStack(engine, stack, {
      volumes: options.volumes,
      stackFile,
      lockTimeoutMs,
      progress: options.progress,
      json: options.json,
      confirm: (plan) => {
        const doomed = plan.operations.flatMap((op) => (op.kind === "removeVolume" ? [op.volume] : []));
        const question = doomed.length
          ? `\nDestroy stack ${stack}? Data in volume${doomed.length > 1 ? "s" : ""} ${doomed.join(", ")} will be deleted permanently.`
          : `\nDestroy stack ${stack}? Volumes and their data are kept (pass --volumes to delete them).`;
        return confirm(question, options.yes);
      },
    });
    if (!result) throw new CliError("destroy cancelled; nothing was changed");
  });
}
