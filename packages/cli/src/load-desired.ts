import {
  type DesiredStack,
  type Diagnostic,
  formatDiagnostic,
  type LoadResult,
  loadStack,
} from "@stackform/schema";
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
  const result = await loadStackFiles(globals, cwd);
  printDiagnostics(result.diagnostics);
  if (!result.stack) throw new ExitCode(1);
  return { desired: result.stack, warnings: result.diagnostics.filter((d) => d.severity === "warning") };
}

/** The stack files the global flags name, with every diagnostic; nothing printed. */
export function loadStackFiles(globals: GlobalOptions, cwd = process.cwd()): Promise<LoadResult> {
  return loadStack({
    cwd,
    files: globals.file.length ? globals.file : undefined,
    name: globals.name,
    env: process.env,
    profiles: globals.profile,
  });
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
