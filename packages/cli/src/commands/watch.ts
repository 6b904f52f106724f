import { existsSync } from "node:fs";
import { sensitiveValues } from "@stackform/planner";
import type { DesiredService } from "@stackform/schema";
import { CliError, ExitCode } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { durationFlag } from "../durations.js";
import type { GlobalOptions } from "../global-options.js";
import { loadDesired } from "../load-desired.js";
import { pickServices } from "../pick-services.js";
import type { ProgressMode } from "../progress/reporter.js";
import { redactor } from "../redact.js";
import { applyStack } from "../watch/apply-stack.js";
import { compileRule } from "../watch/match-changes.js";
import { eventPrinter } from "../watch/watch-events.js";
import { watchSession } from "../watch/watch-session.js";

export interface WatchFlags extends GlobalOptions {
  /** `--no-up` sets it false: no apply before watching. */
  up: boolean;
  progress: ProgressMode;
  lockTimeout: string;
  waitTimeout: string;
  debounce: string;
}

/**
 * `stack watch [SERVICE...]`, Compose's `watch`: applies the stack, then acts on the services'
 * `develop.watch` rules as files change, until Ctrl-C (exit 0). Actions print on stderr, or as
 * JSON lines on stdout with `--json`.
 */
export async function watchCommand(names: string[], options: WatchFlags): Promise<void> {
  const lockTimeoutMs = durationFlag("--lock-timeout", options.lockTimeout);
  const waitTimeoutMs = durationFlag("--wait-timeout", options.waitTimeout);
  const quietMs = durationFlag("--debounce", options.debounce);
  const { desired, warnings } = await loadDesired(options);
  const picked = pickServices(desired, names);
  const watched = picked.filter((s) => s.watch && s.watch.length > 0);
  if (watched.length === 0) {
    throw new CliError(
      names.length
        ? `service ${names.join(", ")} has no develop.watch rules`
        : `no service of stack ${desired.name} has develop.watch rules`,
      "add `develop: { watch: [{ path: ./src, action: sync, target: /app }] }` to a service",
    );
  }
  const json = options.json || options.progress === "json";
  const progress: ProgressMode = json ? "json" : options.progress;
  const emit = eventPrinter(json);
  for (const s of picked.filter((p) => !watched.includes(p)))
    if (names.length) emit({ action: "skipped", service: s.name, reason: "it has no develop.watch rules" });
  const rules = watched.flatMap((s) => (s.watch ?? []).map((rule) => compileRule(s.name, rule)));
  // Before the apply: a typo in a path should not cost a deploy first.
  const missing = rules.filter((r) => !existsSync(r.rule.path));
  if (missing.length > 0) {
    throw new CliError(
      `cannot watch ${missing.map((r) => `${r.rule.path} (service ${r.service})`).join(", ")}: no such file or directory`,
      "create it, or correct `path:` in the service's develop.watch",
    );
  }
  const redact = redactor(sensitiveValues(desired));
  const applyOptions = { progress, lockTimeoutMs, waitTimeoutMs, warnings };

  await withEngine(options, async (engine) => {
    if (options.up) await applyStack(engine, desired, applyOptions);
    const controller = new AbortController();
    const onSignal = () => {
      // A second Ctrl-C does not wait for the action in flight.
      if (controller.signal.aborted) process.exit(130);
      controller.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const rebuild = async (service: DesiredService) => {
      if (!service.build) throw new Error(`service ${service.name} has no build: section`);
      await engine.buildImage(service.image, service.build, (line) => {
        if (!json) process.stderr.write(`${service.name}: ${redact(line)}\n`);
      });
      try {
        await applyStack(engine, desired, applyOptions);
      } catch (error) {
        if (error instanceof ExitCode) throw new Error("the apply after the build failed (see above)");
        throw error;
      }
    };
    try {
      await watchSession({
        engine,
        stack: desired.name,
        services: watched,
        rules,
        emit,
        rebuild,
        quietMs,
        signal: controller.signal,
      });
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    emit({ action: "stopped" });
  });
}
