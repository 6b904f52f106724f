import { breakLock } from "@stackform/applier";
import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { confirm } from "../prompt.js";
import { resolveStackName } from "../stack-name.js";

/** Breaking a lock is only safe when its holder is gone, so it is an explicit, confirmed act. */
export async function unlockCommand(options: GlobalOptions): Promise<void> {
  const stack = await resolveStackName(options);
  await withEngine(options, async (engine) => {
    if (
      !(await confirm(
        `Break the apply lock of stack ${stack}? Only do this when no apply is running.`,
        options.yes,
      ))
    )
      return;
    const previous = await breakLock(engine, stack);
    if (options.json) {
      printJson({ stack, engine: engine.endpoint, broken: previous !== undefined, lock: previous ?? null });
      return;
    }
    process.stdout.write(
      previous
        ? `Broke the lock held by ${previous.holder} on ${previous.host} since ${previous.since}.\n`
        : `Stack ${stack} was not locked.\n`,
    );
  });
}
