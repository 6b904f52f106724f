import { type DesiredStack, type Diagnostic, formatDiagnostic, loadStack } from "@stackform/schema";
import { ExitCode } from "./cli-error.js";
import type { GlobalOptions } from "./global-options.js";
import { wantsColor } from "./output.js";

export interface LoadedStack {
  desired: DesiredStack;
  /** Warning diagnostics; they travel into the plan. */
  warnings: Diagnostic[];
}

/** Loads the stack files; on any error prints every diagnostic and ends the command with exit 1. */
export async function loadDesired(globals: GlobalOptions, cwd = process.cwd()): Promise<LoadedStack> {
  const result = await loadStack({
    cwd,
    files: globals.file.length ? globals.file : undefined,
    name: globals.name,
    env: process.env,
    profiles: globals.profile,
  });
  printDiagnostics(result.diagnostics);
  if (!result.stack) throw new ExitCode(1);
  return { desired: result.stack, warnings: result.diagnostics.filter((d) => d.severity === "warning") };
}

export function printDiagnostics(
  diagnostics: Diagnostic[],
  stderr: NodeJS.WritableStream = process.stderr,
): void {
  const color = wantsColor(stderr);
  for (const d of diagnostics) stderr.write(`${formatDiagnostic(d, { color })}\n`);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) stderr.write(`\n${errors} error${errors === 1 ? "" : "s"}; nothing was changed.\n`);
}
