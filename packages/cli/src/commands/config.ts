import { redactStack } from "@stackform/schema";
import { stringify } from "yaml";
import type { GlobalOptions } from "../global-options.js";
import { loadDesired } from "../load-desired.js";

/** The normalised stack, as the planner sees it; sensitive values masked unless asked. */
export async function config(options: GlobalOptions & { showSensitive: boolean }): Promise<void> {
  const { desired } = await loadDesired(options);
  const shown = options.showSensitive ? desired : redactStack(desired);
  process.stdout.write(options.json ? `${JSON.stringify(shown, null, 2)}\n` : stringify(shown));
}
