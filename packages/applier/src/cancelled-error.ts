/** Thrown when a wait (for a container or for the lock) is cut short by the caller's signal. */
export class CancelledError extends Error {
  override readonly name = "CancelledError";
}
