import { createInterface } from "node:readline/promises";
import { CliError } from "./cli-error.js";

/**
 * Asks on a terminal; without one, `--yes` is required, so CI never hangs on a hidden prompt.
 * Only "yes" counts, as in Terraform: a stray Enter does not destroy anything.
 */
export async function confirm(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new CliError(
      "refusing to change the engine without confirmation",
      "pass -y/--yes, or apply a saved plan file",
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question}\n  Only 'yes' will be accepted: `);
    return answer.trim() === "yes";
  } finally {
    rl.close();
  }
}
