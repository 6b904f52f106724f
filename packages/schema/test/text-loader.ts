import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { type LoadResult, loadStack } from "../src/index.js";

/**
 * `load(yaml, env)` for a test file: each stack text is written as `stack.yaml` in a folder of its
 * own (returned as `cwd`), next to `files` (name → content) the stacks refer to, and loaded; the
 * folders go when the file's tests are done.
 */
export function textLoader(
  prefix: string,
  files: Record<string, string> = {},
): (text: string, env?: Record<string, string>) => Promise<LoadResult & { cwd: string }> {
  const root = mkdtempSync(join(tmpdir(), `stackform-${prefix}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;
  return async (text, env = {}) => {
    const cwd = join(root, String(count++));
    mkdirSync(cwd);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content);
    writeFileSync(join(cwd, "stack.yaml"), text);
    return { cwd, ...(await loadStack({ cwd, env })) };
  };
}
