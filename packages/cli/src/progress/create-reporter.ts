import { paint } from "../output.js";
import { jsonReporter } from "./json-reporter.js";
import { plainReporter } from "./plain-reporter.js";
import type { ProgressMode, ProgressReporter } from "./reporter.js";
import { ttyReporter } from "./tty-reporter.js";

/** Human progress goes to stderr, machine progress (JSON lines) to stdout. */
export function createReporter(mode: ProgressMode): ProgressReporter {
  if (mode === "json") return jsonReporter(process.stdout);
  if (mode === "tty" || (mode === "auto" && process.stderr.isTTY))
    return ttyReporter(process.stderr, paint(process.stderr));
  return plainReporter(process.stderr);
}
