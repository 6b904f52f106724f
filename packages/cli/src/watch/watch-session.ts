import { lstat } from "node:fs/promises";
import type { Engine } from "@stackform/engine";
import type { DesiredService } from "@stackform/schema";
import { createBatcher } from "./batcher.js";
import { type Change, type CompiledRule, type Triggered, triggeredRules } from "./match-changes.js";
import { type ActionContext, runActions } from "./run-actions.js";
import { startWatchers } from "./start-watchers.js";
import { initialChange } from "./sync-files.js";
import type { WatchEvent } from "./watch-events.js";

export interface SessionOptions {
  engine: Engine;
  stack: string;
  services: DesiredService[];
  rules: CompiledRule[];
  emit: (event: WatchEvent) => void;
  rebuild: (service: DesiredService) => Promise<void>;
  quietMs: number;
  /** Ends the session: after it fires, the actions in flight finish and nothing new starts. */
  signal: AbortSignal;
}

async function changeOf(path: string): Promise<Change> {
  try {
    const info = await lstat(path);
    return { path, kind: info.isDirectory() ? "directory" : "file" };
  } catch {
    return { path, kind: "missing" };
  }
}

/**
 * Watches until the signal fires. Batches run one after another, so a sync never overlaps a
 * rebuild of the same service; changes that come during a batch make the next one.
 */
export async function watchSession(options: SessionOptions): Promise<void> {
  const ctx: ActionContext = {
    engine: options.engine,
    stack: options.stack,
    services: Object.fromEntries(options.services.map((s) => [s.name, s])),
    rules: options.rules,
    emit: options.emit,
    rebuild: options.rebuild,
  };
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(() => (options.signal.aborted ? undefined : work()));
  };

  // `initial_sync`: everything under the rule's path, before any change is awaited.
  const initial: Triggered[] = [];
  for (const compiled of options.rules.filter((r) => r.rule.initialSync)) {
    const change = await changeOf(compiled.rule.path);
    if (change.kind !== "missing") initial.push(initialChange(compiled, change.kind));
  }
  if (initial.length > 0) enqueue(() => runActions(ctx, initial));

  let failed: Error | undefined;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const batcher = createBatcher<string>(
    (paths) =>
      enqueue(async () => {
        const changes = await Promise.all(paths.map(changeOf));
        const triggered = triggeredRules(options.rules, changes);
        if (triggered.length > 0) await runActions(ctx, triggered);
      }),
    { quietMs: options.quietMs },
  );
  const paths = [...new Set(options.rules.map((r) => r.rule.path))];
  const watchers = startWatchers(
    paths,
    (path) => batcher.add(path),
    (error) => {
      failed = error;
      stop();
    },
  );
  options.emit({ action: "watching", services: [...new Set(options.rules.map((r) => r.service))], paths });
  if (options.signal.aborted) stop();
  else options.signal.addEventListener("abort", () => stop(), { once: true });
  await stopped;
  for (const watcher of watchers) watcher.close();
  batcher.close();
  await queue;
  if (failed) throw failed;
}
