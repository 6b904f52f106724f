import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { STACK_FILE_NAMES } from "@stackform/schema/contract";
import type { GlobalOptions } from "./global-options.js";

export interface StackFileText {
  path: string;
  /** `undefined` for a `stack.ts` file, which only the loader can read. */
  text?: string;
}

/**
 * The stack files, read as text: `files`, else the `-f` files, else the first of the default names
 * in the working directory. A file that cannot be read is left out: the loader reports it.
 */
export function stackFileTexts(globals: GlobalOptions, files?: string[]): StackFileText[] {
  const cwd = process.cwd();
  const paths = files?.length
    ? files
    : globals.file.length
      ? globals.file.map((f) => resolve(cwd, f))
      : STACK_FILE_NAMES.map((name) => resolve(cwd, name))
          .filter(isFile)
          .slice(0, 1);
  return paths.flatMap((path) => {
    if (isTypeScript(path)) return isFile(path) ? [{ path }] : [];
    try {
      return [{ path, text: readFileSync(path, "utf8") }];
    } catch {
      return [];
    }
  });
}

export const isTypeScript = (path: string): boolean => /\.(?:c|m)?ts$/.test(path);

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
