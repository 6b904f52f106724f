import { StackformError } from "@stackform/schema/contract";

/**
 * The engine could not be reached, or reaching it would be unsafe: a bad DOCKER_HOST, an unknown
 * context, a TLS certificate that does not verify, an ssh host key that is unknown or changed, a
 * refused connection. `message` says what happened in one line; `hint` says what to do.
 */
export class ConnectionError extends StackformError {
  override readonly name = "ConnectionError";
  constructor(message: string, hint: string, options?: { cause?: unknown }) {
    super(message, hint, options);
  }
}

export const isConnectionError = (error: unknown): error is ConnectionError =>
  error instanceof ConnectionError || (error instanceof Error && error.name === "ConnectionError");
