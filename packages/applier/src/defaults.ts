// The applier's defaults (`@stackform/applier/defaults`), apart from the applier: the CLI's flags
// take their defaults from here, and this file imports nothing, so `stack validate` and every
// other command that builds the flag table do not load the engine and dockerode with them.

/** Operations of an apply in flight at once. */
export const DEFAULT_CONCURRENCY = 8;
/** A destroy's removals are short engine calls, with no pulls, builds or waits: more run at once. */
export const DEFAULT_DESTROY_CONCURRENCY = 16;
/** Deadline of each wait operation. */
export const DEFAULT_WAIT_TIMEOUT_MS = 120_000;
/** How often a wait asks the engine. */
export const DEFAULT_POLL_INTERVAL_MS = 250;
/** Another holder makes a run fail at once unless it is told to wait (`--lock-timeout`). */
export const DEFAULT_LOCK_TIMEOUT_MS = 0;
/** How often a run waiting for the lock tries again. */
export const DEFAULT_LOCK_POLL_INTERVAL_MS = 1000;
/** How long to keep trying to release the lock when the engine went away. */
export const DEFAULT_RELEASE_RETRY_MS = 10_000;
