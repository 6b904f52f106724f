import { spawn } from "node:child_process";
import { type RunResult, STACK_BIN } from "./run-stack.js";

/**
 * Runs the CLI and calls `onLines` with the number of container progress lines printed so far:
 * fault trials cut an apply at a moment tied to its work rather than to wall time, which a loaded
 * CI machine stretches.
 */
export function applyWatching(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
  onLines: (count: number) => void,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STACK_BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      onLines((stderr.match(/^Container .*: (Creating|Created|Starting|Started)/gm) ?? []).length);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
