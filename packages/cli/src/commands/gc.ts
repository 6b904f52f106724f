import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { destroyStack } from "../destroy-stack.js";
import { durationFlag } from "../durations.js";
import type { GlobalOptions } from "../global-options.js";
import type { ProgressMode } from "../progress/reporter.js";
import { confirm } from "../prompt.js";
import { isExpired } from "../relative-time.js";

export interface GcFlags extends GlobalOptions {
  volumes: boolean;
  dryRun: boolean;
  lockTimeout: string;
  progress: ProgressMode;
}

/**
 * Destroys every stack whose `--ttl` has run out, one after another, each under its own lock.
 * Stacks without an expiry are never touched; volumes go only with --volumes, as for destroy.
 */
export async function gcCommand(options: GcFlags): Promise<void> {
  const lockTimeoutMs = durationFlag("--lock-timeout", options.lockTimeout);
  await withEngine(options, async (engine) => {
    const now = Date.now();
    const expired = (await engine.listStacks()).filter((s) => isExpired(s.expiresAt, now));
    if (options.json && options.dryRun) {
      process.stdout.write(
        `${JSON.stringify({ engine: engine.endpoint, expired: expired.map((s) => s.name) })}\n`,
      );
      return;
    }
    if (expired.length === 0) {
      process.stderr.write(`No expired stacks on ${engine.endpoint}.\n`);
      return;
    }
    process.stderr.write(
      `Expired stacks on ${engine.endpoint}: ${expired.map((s) => `${s.name} (since ${s.expiresAt})`).join(", ")}\n`,
    );
    if (options.dryRun) return;
    const what = options.volumes ? "with their volumes AND THEIR DATA" : "keeping their volumes";
    if (!(await confirm(`Destroy ${expired.length} expired stack(s), ${what}?`, options.yes)))
      throw new CliError("gc cancelled; nothing was changed");
    const failed: string[] = [];
    for (const stack of expired) {
      try {
        await destroyStack(engine, stack.name, {
          volumes: options.volumes,
          lockTimeoutMs,
          progress: options.progress,
          // One JSON line per stack destroyed: its summary, with the volumes removed and kept.
          json: options.json,
          jsonLines: true,
          confirm: async () => true,
        });
      } catch (error) {
        // One stuck stack (locked by a running apply) must not keep the others alive.
        failed.push(stack.name);
        process.stderr.write(`gc: ${stack.name}: ${(error as Error).message}\n`);
      }
    }
    if (failed.length > 0)
      throw new CliError(
        `gc could not destroy ${failed.join(", ")}`,
        "see the messages above; `stack gc` again retries",
      );
  });
}
