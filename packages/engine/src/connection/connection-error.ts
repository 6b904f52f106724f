/**
 * The engine could not be reached, or reaching it would be unsafe: a bad DOCKER_HOST, an unknown
 * context, a TLS certificate that does not verify, an ssh host key that is unknown or changed, a
 * refused connection. `message` says what happened in one line; `hint` says what to do.
 */
export class ConnectionError extends Error {
  override readonly name = "ConnectionError";
  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isConnectionError = (error: unknown): error is ConnectionError =>
  error instanceof ConnectionError || (error instanceof Error && error.name === "ConnectionError");
