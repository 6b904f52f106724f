import type { GlobalOptions } from "./global-options.js";
import { loadDesired } from "./load-desired.js";

/**
 * Commands that only need to know which stack (destroy, ps, logs, unlock) accept `--name` or
 * STACK_NAME alone, so CI can tear down a branch stack without its files.
 */
export async function resolveStackName(globals: GlobalOptions): Promise<string> {
  const explicit = globals.name ?? (globals.file.length === 0 ? process.env.STACK_NAME : undefined);
  if (explicit) return explicit;
  return (await loadDesired(globals)).desired.name;
}
