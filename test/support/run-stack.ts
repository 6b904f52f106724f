import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The built CLI, as users run it: end-to-end tests never import the sources. STACKFORM_E2E_BIN
 * points at a copy of it, so that a long hunt is not broken by a rebuild beside it.
 */
export const STACK_BIN =
  process.env.STACKFORM_E2E_BIN || fileURLToPath(new URL("../../packages/cli/bin/stack.js", import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
}

export function runStack(args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STACK_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** Fails with the command's whole output, so a red test says what the CLI said. */
export async function stackOk(args: string[], options: RunOptions, expectedCode = 0): Promise<RunResult> {
  const result = await runStack(args, options);
  if (result.code !== expectedCode) {
    throw new Error(
      `stack ${args.join(" ")} exited ${result.code} (expected ${expectedCode})\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}
