import { type FSWatcher, statSync, watch } from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError } from "../cli-error.js";

/**
 * One `fs.watch` per watched path: recursive for a directory (inotify on Linux since Node 20),
 * the parent directory for a file, since editors save by writing a new file and renaming it over
 * the old one, which a watch on the file itself would lose. Reports absolute paths.
 */
export function startWatchers(
  paths: readonly string[],
  onPath: (path: string) => void,
  onError: (error: Error) => void,
): FSWatcher[] {
  const watchers: FSWatcher[] = [];
  try {
    for (const path of new Set(paths)) {
      let isDirectory: boolean;
      try {
        isDirectory = statSync(path).isDirectory();
      } catch {
        throw new CliError(
          `cannot watch ${path}: it does not exist`,
          "create it, or correct `path:` in the service's develop.watch",
        );
      }
      const watcher = isDirectory
        ? watch(path, { recursive: true }, (_event, name) => {
            if (name) onPath(join(path, name.toString()));
            else onPath(path);
          })
        : watch(dirname(path), (_event, name) => {
            if (name && name.toString() === basename(path)) onPath(path);
          });
      watcher.on("error", onError);
      watchers.push(watcher);
    }
  } catch (error) {
    for (const watcher of watchers) watcher.close();
    throw error;
  }
  return watchers;
}
