import type { DesiredStack } from "@stackform/schema";
import type { GlobalOptions } from "./global-options.js";

export interface ResolvedStack {
  name: string;
  /** The stack files, loaded, when the name had to come from them. */
  desired?: DesiredStack;
}

/**
 * Commands that only need to know which stack (destroy, ps, logs, unlock) accept `--name` or
 * STACK_NAME alone, so CI can tear down a branch stack without its files. The loader is imported
 * only when the name has to come from the files: given a name, these commands start without it.
 */
export async function resolveStack(globals: GlobalOptions): Promise<ResolvedStack> {
  const explicit = globals.name ?? (globals.file.length === 0 ? process.env.STACK_NAME : undefined);
  if (explicit) return { name: explicit };
  const { loadDesired } = await import("./load-desired.js");
  const { desired } = await loadDesired(globals);
  return { name: desired.name, desired };
}

export const resolveStackName = async (globals: GlobalOptions): Promise<string> =>
  (await resolveStack(globals)).name;
