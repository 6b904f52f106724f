import { type ApplyResult, apply, summarise } from "@stackform/applier";
import type { Engine } from "@stackform/engine";
import type { Plan } from "@stackform/planner";
import { ExitCode } from "./cli-error.js";
import { formatConnectionLost } from "./connection-lost-account.js";
import { paint } from "./output.js";
import { createReporter } from "./progress/create-reporter.js";
import type { ProgressMode } from "./progress/reporter.js";
import { redactor } from "./redact.js";
import { formatSummary, printSummaryJson } from "./summary.js";
import { isVerbose, rawEngineText } from "./verbose.js";

export interface ExecuteOptions {
  concurrency: number;
  waitTimeoutMs: number;
  progress: ProgressMode;
  /** `Apply` or `Destroy`, for the summary line. */
  verb: string;
  /** Secret values to scrub from engine messages and pull/build output before they are shown. */
  secrets?: readonly string[];
  /** `--json`: the summary as a JSON document on stdout (with `--progress json`, its last line). */
  json?: boolean;
  /** The JSON summary on one line even without `--progress json` (gc: one line per stack). */
  jsonLines?: boolean;
  /** Fields the command adds to its JSON summary, asked once the run is over (destroy: volumes). */
  resultJson?: () => Record<string, unknown>;
}

/**
 * Runs a plan with live progress. Ctrl-C (or SIGTERM from CI) stops new operations and lets the
 * ones in flight finish, so nothing is left half-made; a second Ctrl-C exits at once.
 */
export async function executePlan(plan: Plan, engine: Engine, options: ExecuteOptions): Promise<ApplyResult> {
  const result = await runPlan(plan, engine, options);
  reportRun(result, plan.changes, plan.stack, engine, options);
  return result;
}

/** Runs a plan with live progress, without the closing summary: `reportRun` prints that. */
export async function runPlan(plan: Plan, engine: Engine, options: ExecuteOptions): Promise<ApplyResult> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      `\n${signal === "SIGINT" ? "Interrupted" : "Terminated"}: starting nothing new; waiting for the operations in flight. Press Ctrl-C again to exit now.\n`,
    );
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const reporter = createReporter(options.progress);
  const redact = redactor(options.secrets ?? []);
  try {
    const result = await apply(plan, engine, {
      concurrency: options.concurrency,
      waitTimeoutMs: options.waitTimeoutMs,
      signal: controller.signal,
      onEvent: (event) => {
        // The same Error object is in the outcomes the summary prints: scrubbed once, here.
        if (event.error) event.error.message = redact(event.error.message);
        if (event.error) event.error.message = withAction(event.error);
        const raw = rawEngineText(event.error);
        if (event.error && raw && isVerbose()) event.error.message += ` (the engine said: ${redact(raw)})`;
        reporter.onEvent(event);
      },
      onProgress: (id, line) => reporter.onProgress(id, redact(line)),
    });
    reporter.finish();
    if (result.connectionLost && options.progress !== "json") {
      const raw = rawEngineText(result.connectionLost);
      result.connectionLost.message = redact(result.connectionLost.message);
      process.stderr.write(
        formatConnectionLost(result, {
          verb: options.verb,
          endpoint: engine.endpoint,
          color: paint(process.stderr),
          ...(raw && isVerbose() ? { raw: redact(raw) } : {}),
        }),
      );
    }
    return result;
  } finally {
    reporter.finish();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/**
 * The summary of one or more runs, the command's result, on stdout (JSON progress lines end with
 * it as one more line); then exit 130 when interrupted, 1 when an operation failed.
 */
export function reportRun(
  result: ApplyResult,
  changes: Plan["changes"],
  stack: string,
  engine: Engine,
  options: ExecuteOptions,
): void {
  const summary = summarise(result, changes);
  if (options.json || options.progress === "json") {
    printSummaryJson(summary, {
      stack,
      endpoint: engine.endpoint,
      jsonLines: options.jsonLines === true || options.progress === "json",
      ...(options.resultJson ? { extra: options.resultJson() } : {}),
    });
  } else {
    process.stdout.write(
      formatSummary(summary, { verb: options.verb, endpoint: engine.endpoint, color: paint(process.stdout) }),
    );
  }
  if (result.interrupted) throw new ExitCode(130);
  if (!result.succeeded) throw new ExitCode(1);
}

/** Engine failures the user fixes outside Stackform: their message carries what to do. */
const ACTIONABLE = new Set([
  "port-allocated",
  "no-space",
  "platform-mismatch",
  "stale-task",
  "conflict",
  "image-missing",
]);

function withAction(error: Error): string {
  const { kind, hint } = error as { kind?: unknown; hint?: unknown };
  if (typeof kind !== "string" || !ACTIONABLE.has(kind) || typeof hint !== "string" || !hint)
    return error.message;
  return error.message.includes(hint) ? error.message : `${error.message}; to fix: ${hint}`;
}
