/** Who holds a stack's lock, as the engine recorded it. `since` is ISO 8601. */
export interface HeldLock {
  holder: string;
  host: string;
  since: string;
}
