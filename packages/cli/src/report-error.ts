import { StackformError } from "@stackform/schema/contract";
import { CliError, ExitCode } from "./cli-error.js";
import { paint } from "./output.js";
import { isVerbose, rawEngineText } from "./verbose.js";

/**
 * The one place errors become text. Errors from our packages carry a message written for people
 * and often a hint; anything else is a bug in Stackform, said as such, without a stack trace
 * unless STACKFORM_DEBUG is set.
 */
export function reportError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (error instanceof ExitCode) return error.exitCode;
  const color = paint(stderr);
  if (error instanceof StackformError) {
    stderr.write(`${color.red("Error:")} ${error.message}\n`);
    if (error.hint) stderr.write(`${color.dim("Hint:")} ${error.hint}\n`);
    const raw = rawEngineText(error);
    if (isVerbose() && raw) stderr.write(`${color.dim("Engine said:")} ${raw}\n`);
    if (process.env.STACKFORM_DEBUG && error.stack) stderr.write(`${error.stack}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`${color.red("Error:")} internal error: ${message}\n`);
  stderr.write("This is a bug in Stackform. Re-run with STACKFORM_DEBUG=1 for details and report it.\n");
  if (process.env.STACKFORM_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return 1;
}
