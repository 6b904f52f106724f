import { CliError } from "../cli-error.js";
import type { GlobalOptions } from "../global-options.js";
import { stackFileTexts } from "../stack-file-texts.js";

export type StackTarget = "containers" | "swarm";

const TARGETS: readonly StackTarget[] = ["containers", "swarm"];

/**
 * Where the stack runs, chosen in words: `--target`, then STACK_TARGET, then `x-stackform.target`
 * in the stack files (the last file that sets it wins, as in a merge), then one engine's containers.
 */
export async function stackTarget(
  globals: GlobalOptions,
  files?: string[],
  env = process.env,
): Promise<StackTarget> {
  const given = globals.target ?? env.STACK_TARGET;
  if (given !== undefined && given !== "") {
    if ((TARGETS as readonly string[]).includes(given)) return given as StackTarget;
    throw new CliError(
      `unknown target ${JSON.stringify(given)}`,
      "use --target containers (one engine, the default) or --target swarm",
    );
  }
  // A file that never spells the key cannot set it. Most do not, and skipping them spares the
  // commands that act by name (destroy, ps, logs) loading the YAML parser before the engine.
  const mentioning = stackFileTexts(globals, files).flatMap(({ text }) =>
    text?.includes("x-stackform") ? [text] : [],
  );
  if (mentioning.length === 0) return "containers";
  const { parseStackDocument } = await import("./stack-documents.js");
  let target: StackTarget = "containers";
  for (const text of mentioning) {
    const value = (parseStackDocument(text)?.["x-stackform"] as { target?: unknown } | undefined)?.target;
    if (value === "swarm" || value === "containers") target = value;
  }
  return target;
}
