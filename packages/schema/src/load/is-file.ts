import { statSync } from "node:fs";

/** Whether a path is an existing regular file (directories and missing paths are not). */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
