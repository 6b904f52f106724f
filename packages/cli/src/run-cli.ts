import { CommanderError } from "commander";
import { logsFollowFlag } from "./follow-flag.js";
import { buildProgram } from "./program.js";
import { reportError } from "./report-error.js";

/** Runs the `stack` command line and returns the exit code; nothing here throws. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(logsFollowFlag(program, argv));
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    // Commander has already printed its usage error; `--help`/`--version` end here too.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    return reportError(error);
  }
}
