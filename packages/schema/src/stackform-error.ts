/**
 * An error written for the person at the terminal: `message` says what failed, `hint` what to do
 * next. The CLI prints these as they are and treats any other error as a bug in Stackform, so
 * every package's user-facing errors extend this one class (it lives here because every package
 * depends on the schema).
 */
export class StackformError extends Error {
  override name = "StackformError";
  constructor(
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
