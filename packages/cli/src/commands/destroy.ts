import { loadStack } from "@stackform/schema";
import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { destroyStack } from "../destroy-stack.js";
import { durationFlag } from "../durations.js";
import type { GlobalOptions } from "../global-options.js";
import { hookServices } from "../hook-services.js";
import type { ProgressMode } from "../progress/reporter.js";
import { confirm } from "../prompt.js";
import { resolveStackName } from "../stack-name.js";
import { stackTarget } from "../swarm/stack-target.js";

export interface DestroyFlags extends GlobalOptions {
  volumes: boolean;
  lockTimeout: string;
  progress: ProgressMode;
}

export async function destroyCommand(options: DestroyFlags): Promise<void> {
  const lockTimeoutMs = durationFlag("--lock-timeout", options.lockTimeout);
  const stack = await resolveStackName(options);
  if (stackTarget(options) === "swarm") {
    return (await import("../swarm/swarm-destroy-command.js")).swarmDestroyCommand(options, stack);
  }
  const externalVolumes = await externalVolumeNames(options);
  const services = await hookServices(options, stack);
  await withEngine(options, async (engine) => {
    const result = await destroyStack(engine, stack, {
      volumes: options.volumes,
      externalVolumes,
      services,
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

/**
 * Volumes the stack file declares external, when a file is at hand: destroy may run with only
 * `--name`, so a file that is missing or broken just leaves the engine's labels to decide.
 */
async function externalVolumeNames(options: DestroyFlags): Promise<string[]> {
  try {
    const loaded = await loadStack({
      cwd: process.cwd(),
      files: options.file.length ? options.file : undefined,
      name: options.name,
      env: process.env,
      profiles: options.profile,
    });
    return Object.values(loaded.stack?.volumes ?? {})
      .filter((v) => v.external)
      .map((v) => v.name);
  } catch {
    return [];
  }
}
