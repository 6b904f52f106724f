import { redactStack, renderCompose } from "@stackform/schema";
import type { GlobalOptions } from "../global-options.js";
import { loadDesired } from "../load-desired.js";

/**
 * The stack as the Compose file the planner sees: every file merged, interpolated and normalised,
 * written so that it loads back to the same stack. Sensitive values are masked unless asked.
 */
export async function config(options: GlobalOptions & { showSensitive: boolean }): Promise<void> {
  const { desired } = await loadDesired(options);
  const shown = options.showSensitive ? desired : redactStack(desired);
  if (JSON.stringify(shown) !== JSON.stringify(desired)) {
    process.stderr.write(
      "Sensitive values are masked as (sensitive): this output does not run as it is; --show-sensitive prints them.\n",
    );
  }
  process.stdout.write(renderCompose(shown, options.json ? "json" : "yaml"));
}
