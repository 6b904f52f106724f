import type { GlobalOptions } from "./global-options.js";

/**
 * Commands that only need to know which stack (destroy, ps, logs, unlock) accept `--name` or
 * STACK_NAME alone, so CI can tear down a branch stack without its files. The loader is imported
 * only when the name has to come from the files: given a name, these commands start without it.
 */
export async function resolveStackName(globals: GlobalOptions): Promise<string> {
  const explicit = globals.name ?? (globals.file.length === 0 ? process.env.STACK_NAME : undefined);
  if (explicit) return explicit;
  const { loadDesired } = await import("./load-desired.js");
  return (await loadDesired(globals)).desired.name;
}
