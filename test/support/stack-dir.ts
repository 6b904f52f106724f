import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A temporary project directory with a stack file; disposed after the test. */
export interface StackDir {
  path: string;
  write(file: string, content: string): void;
  [Symbol.dispose](): void;
}

export function stackDir(files: Record<string, string> = {}): StackDir {
  const path = mkdtempSync(join(tmpdir(), "stackform-e2e-"));
  const write = (file: string, content: string) => writeFileSync(join(path, file), content);
  for (const [file, content] of Object.entries(files)) write(file, content);
  return { path, write, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}
