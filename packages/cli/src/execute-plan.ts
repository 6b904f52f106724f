import { type ApplyResult, apply } from "@stackform/applier";
import type { Engine } from "@stackform/engine";
import type { Plan } from "@stackform/planner";
import { ExitCode } from "./cli-error.js";
import { paint } from "./output.js";
import { createReporter } from "./progress/create-reporter.js";
import type { ProgressMode } from "./progress/reporter.js";
import { redactor } from "./redact.js";
import { formatSummary } from "./summary.js";

export interface ExecuteOptions {
  concurrency: number;
  waitTimeoutMs: number;
  progress: ProgressMode;
  /** `Apply` or `Destroy`, for the summary line. */
  verb: string;
  /** Secret values to scrub from engine messages and pull/build output before they are shown. */
  secrets?: readonly string[];
}

/**
 * Runs a plan with live progress. Ctrl-C (or SIGTERM from CI) stops new operations and lets the
 * ones in flight finish, so nothing is left half-made; a second Ctrl-C exits at once.
 */
export async function executePlan(plan: Plan, engine: Engine, options: ExecuteOptions): Promise<ApplyResult> {
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
        reporter.onEvent(event);
      },
      onProgress: (id, line) => reporter.onProgress(id, redact(line)),
    });
    reporter.finish();
    if (options.progress !== "json") {
      process.stderr.write(
        formatSummary(result, {
          verb: options.verb,
          endpoint: engine.endpoint,
          color: paint(process.stderr),
        }),
      );
    }
    if (controller.signal.aborted) throw new ExitCode(130);
    if (!result.succeeded) throw new ExitCode(1);
    return result;
  } finally {
    reporter.finish();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
