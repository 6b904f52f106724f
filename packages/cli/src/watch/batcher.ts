/**
 * Collects changes and hands them over in one batch once none has come for `quietMs` (an editor's
 * save or a `git checkout` is many events), or at the latest `maxWaitMs` after the first, so a
 * file that never stops changing still syncs.
 */
export interface Batcher<T> {
  add(item: T): void;
  /** Hands over what is pending now, if anything. */
  flush(): void;
  /** Drops what is pending and stops the timers. */
  close(): void;
}

export function createBatcher<T>(
  onBatch: (items: T[]) => void,
  options: { quietMs: number; maxWaitMs?: number },
): Batcher<T> {
  const maxWaitMs = options.maxWaitMs ?? options.quietMs * 10;
  let pending = new Set<T>();
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let closed = false;
  const clear = () => {
    if (quiet) clearTimeout(quiet);
    if (deadline) clearTimeout(deadline);
    quiet = deadline = undefined;
  };
  const flush = () => {
    clear();
    if (pending.size === 0) return;
    const items = [...pending];
    pending = new Set();
    onBatch(items);
  };
  return {
    add(item) {
      if (closed) return;
      pending.add(item);
      if (quiet) clearTimeout(quiet);
      quiet = setTimeout(flush, options.quietMs);
      deadline ??= setTimeout(flush, maxWaitMs);
    },
    flush,
    close() {
      closed = true;
      clear();
      pending.clear();
    },
  };
}
