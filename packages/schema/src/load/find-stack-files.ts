import { join } from "node:path";
import { isFile } from "./is-file.js";

/** Looked for in this order in the working directory when no `-f` is given. */
export const STACK_FILE_NAMES = [
  "stack.ts",
  "stack.yaml",
  "stack.yml",
  "compose.yaml",
  "compose.yml",
  "docker-compose.yml",
] as const;

export function findStackFile(cwd: string): string | undefined {
  for (const name of STACK_FILE_NAMES) {
    const file = join(cwd, name);
    if (isFile(file)) return file;
  }
  return undefined;
}

export const isTypeScriptFile = (file: string): boolean => /\.(?:c|m)?ts$/.test(file);
