import { readdir, readFile, stat } from "node:fs/promises";
import { join, posix } from "node:path";
import type { ContainerFile } from "@stackform/engine";
import { accepts, type CompiledRule, type Triggered } from "./match-changes.js";

/** What one sync rule copies into the containers and deletes from them. */
export interface SyncWork {
  copies: ContainerFile[];
  /** Absolute paths in the container. */
  deletions: string[];
  /** Relative to the rule's path, for the JSON event. */
  copied: string[];
  deleted: string[];
}

/** The files under a directory that the rule accepts, relative to the rule's path. */
async function walk(compiled: CompiledRule, relativeDir: string): Promise<string[]> {
  const found: string[] = [];
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(join(compiled.rule.path, relativeDir), { withFileTypes: true });
  } catch {
    return found; // gone since the event: its own deletion event follows
  }
  for (const entry of entries) {
    const rel = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
    const isDirectory = entry.isDirectory();
    if (!accepts(compiled, rel, isDirectory ? "directory" : "file")) continue;
    if (isDirectory) found.push(...(await walk(compiled, rel)));
    else if (entry.isFile() || entry.isSymbolicLink()) found.push(rel);
  }
  return found;
}

const containerPath = (target: string, rel: string) => (rel === "" ? target : posix.join(target, rel));

/** Reads the changed files (walking changed directories) of one triggered sync rule. */
export async function syncWork(compiled: CompiledRule, triggered: Triggered): Promise<SyncWork> {
  const target = compiled.rule.target ?? "/";
  const toCopy = new Set<string>();
  const toDelete = new Set<string>();
  for (const change of triggered.changes) {
    if (change.kind === "missing") toDelete.add(change.relative);
    else if (change.kind === "directory")
      for (const rel of await walk(compiled, change.relative)) toCopy.add(rel);
    else toCopy.add(change.relative);
  }
  const work: SyncWork = { copies: [], deletions: [], copied: [], deleted: [] };
  for (const rel of [...toCopy].sort()) {
    const file = rel === "" ? compiled.rule.path : join(compiled.rule.path, rel);
    try {
      const info = await stat(file);
      if (!info.isFile()) continue;
      work.copies.push({
        path: containerPath(target, rel),
        content: await readFile(file),
        mode: info.mode & 0o7777,
      });
      work.copied.push(rel);
    } catch {
      // Deleted between the event and now: a later event reports it gone.
    }
  }
  for (const rel of [...toDelete].sort()) {
    work.deletions.push(containerPath(target, rel));
    work.deleted.push(rel);
  }
  return work;
}

/** Every file under the rule's path: `initial_sync`. */
export function initialChange(compiled: CompiledRule, kind: "file" | "directory"): Triggered {
  return { service: compiled.service, rule: compiled.rule, changes: [{ relative: "", kind }] };
}
