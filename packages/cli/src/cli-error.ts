import { StackformError } from "@stackform/schema/contract";

/** An error meant for the user: a message that says what failed and a hint that says what to do. */
export class CliError extends StackformError {
  constructor(
    message: string,
    hint?: string,
    readonly exitCode = 1,
  ) {
    super(message, hint);
    this.name = "CliError";
  }
}

/** Ends a command with an exit code after it has already said everything. */
export class ExitCode extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitCode";
  }
}
