import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { STACK_FILE_NAMES } from "@stackform/schema";
import { parse } from "yaml";
import { CliError } from "../cli-error.js";
import type { GlobalOptions } from "../global-options.js";

export type StackTarget = "containers" | "swarm";

const TARGETS: readonly StackTarget[] = ["containers", "swarm"];

/**
 * Where the stack runs, chosen in words: `--target`, then STACK_TARGET, then `x-stackform.target`
 * in the stack files (the last file that sets it wins, as in a merge), then one engine's containers.
 */
export function stackTarget(globals: GlobalOptions, files?: string[], env = process.env): StackTarget {
  const given = globals.target ?? env.STACK_TARGET;
  if (given !== undefined && given !== "") {
    if ((TARGETS as readonly string[]).includes(given)) return given as StackTarget;
    throw new CliError(
      `unknown target ${JSON.stringify(given)}`,
      "use --target containers (one engine, the default) or --target swarm",
    );
  }
  let target: StackTarget = "containers";
  for (const doc of stackDocuments(globals, files)) {
    const value = (doc["x-stackform"] as { target?: unknown } | undefined)?.target;
    if (value === "swarm" || value === "containers") target = value;
  }
  return target;
}

/**
 * The YAML documents of the stack files, parsed as they are (no interpolation): Swarm-only keys
 * and the target are read from them. A `stack.ts` file is skipped; files that do not parse are
 * the loader's to report.
 */
export function stackDocuments(globals: GlobalOptions, files?: string[]): Record<string, unknown>[] {
  const cwd = process.cwd();
  const paths = files?.length
    ? files
    : globals.file.length
      ? globals.file.map((f) => resolve(cwd, f))
      : STACK_FILE_NAMES.map((name) => resolve(cwd, name)).slice(0, 1 + firstExisting(cwd));
  const docs: Record<string, unknown>[] = [];
  for (const path of paths) {
    if (/\.(?:c|m)?ts$/.test(path)) continue;
    try {
      const doc = parse(readFileSync(path, "utf8")) as unknown;
      if (doc && typeof doc === "object" && !Array.isArray(doc)) docs.push(doc as Record<string, unknown>);
    } catch {
      // Missing or broken: the loader says so when the file matters.
    }
  }
  return docs;
}

function firstExisting(cwd: string): number {
  const index = STACK_FILE_NAMES.findIndex((name) => {
    try {
      readFileSync(resolve(cwd, name));
      return true;
    } catch {
      return false;
    }
  });
  return index < 0 ? STACK_FILE_NAMES.length : index;
}
