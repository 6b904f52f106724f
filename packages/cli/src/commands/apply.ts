import { readFile } from "node:fs/promises";
import { summarise, withStackLock } from "@stackform/applier";
import type { StackMeta } from "@stackform/engine";
import { type Plan, readSavedPlan, renderPlan, sensitiveValues, staleness } from "@stackform/planner";
import type { DesiredStack, Diagnostic } from "@stackform/schema";
import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { durationFlag } from "../durations.js";
import { type ExecuteOptions, reportRun, runPlan } from "../execute-plan.js";
import type { GlobalOptions } from "../global-options.js";
import { loadDesired } from "../load-desired.js";
import { currentUser, lockHolder, lockOptions } from "../lock-holder.js";
import { observeAndPlan } from "../make-plan.js";
import { observeScope } from "../observe-scope.js";
import { wantsColor } from "../output.js";
import type { ProgressMode } from "../progress/reporter.js";
import { confirm } from "../prompt.js";
import { printSummaryJson } from "../summary.js";
import { stackDocuments } from "../swarm/stack-documents.js";
import { stackTarget } from "../swarm/stack-target.js";
import { swarmOnlyWarnings } from "../swarm/swarm-only-warnings.js";

export interface ApplyFlags extends GlobalOptions {
  wait: boolean;
  waitTimeout: string;
  concurrency: number;
  lockTimeout: string;
  ttl?: string;
  progress: ProgressMode;
  showSensitive: boolean;
}

export async function applyCommand(planFile: string | undefined, options: ApplyFlags): Promise<void> {
  const waitTimeoutMs = durationFlag("--wait-timeout", options.waitTimeout);
  const lockTimeoutMs = durationFlag("--lock-timeout", options.lockTimeout);
  const meta = options.ttl === undefined ? undefined : stackMeta(durationFlag("--ttl", options.ttl));
  const saved = planFile ? await readPlanFile(planFile) : undefined;
  const { desired, warnings } = saved
    ? { desired: saved.desired, warnings: [] as Diagnostic[] }
    : await loadDesired(options);
  if (saved ? saved.target === "swarm" : (await stackTarget(options, desired.files)) === "swarm") {
    return (await import("../swarm/swarm-apply-command.js")).swarmApplyCommand(
      saved,
      options,
      desired,
      warnings,
    );
  }
  if (!saved) warnings.push(...swarmOnlyWarnings(stackDocuments(options, desired.files)));

  await withEngine(options, (engine) =>
    withStackLock(engine, desired.name, lockHolder("apply"), lockOptions(lockTimeoutMs), async () => {
      const session = saved
        ? undefined
        : await observeAndPlan(engine, desired, { waitAll: options.wait, warnings });
      const plan = session ? session.plan : await checkSavedPlan(saved!, engine, desired);
      // With --json or --progress json, stdout is for JSON only; the plan the user confirms goes
      // to stderr (as context, like progress) unless the progress is machine-read too.
      const planStream = options.json ? process.stderr : process.stdout;
      if (options.progress !== "json") {
        planStream.write(`Engine: ${engine.endpoint}\n`);
        planStream.write(
          renderPlan(plan, {
            format: "human",
            color: wantsColor(planStream),
            showSensitive: options.showSensitive,
          }),
        );
      }
      if (plan.operations.length === 0) {
        if (meta) await engine.writeStackMeta(desired.name, meta);
        if (options.json || options.progress === "json") {
          const nothing = { outcomes: [], succeeded: true, interrupted: false, elapsedMs: 0 };
          printSummaryJson(summarise(nothing, plan.changes), {
            stack: desired.name,
            endpoint: engine.endpoint,
            jsonLines: options.progress === "json",
          });
        }
        return;
      }
      // A saved plan was already reviewed when it was made; that is what saving it is for.
      if (!saved && !(await confirm("\nDo you want to perform these actions?", options.yes))) {
        throw new CliError("apply cancelled; nothing was changed");
      }
      // Labelled before anything is made, so that even a failed apply is found by `stack gc`.
      if (meta) await engine.writeStackMeta(desired.name, meta);
      const execute: ExecuteOptions = {
        concurrency: options.concurrency,
        waitTimeoutMs,
        progress: options.progress,
        verb: "Apply",
        secrets: options.showSensitive ? [] : sensitiveValues(desired),
        json: options.json,
      };
      const result = await runPlan(plan, engine, execute);
      const fetched = session && result.succeeded && !result.interrupted ? imagesFetched(plan) : [];
      const had = new Set(session?.observed.images.map((i) => i.ref));
      // Only an image the engine already had can have moved under containers the plan kept.
      if (!fetched.some((ref) => had.has(ref)))
        return reportRun(result, plan.changes, plan.stack, engine, execute);
      // The plan was made before these pulls and builds, so it could not know the images they
      // bring: plan again, and replace the containers of any image that moved, as Compose does.
      const next = await observeAndPlan(engine, desired, {
        waitAll: options.wait,
        warnings: [],
        freshImages: fetched,
      });
      if (next.plan.operations.length === 0)
        return reportRun(result, plan.changes, plan.stack, engine, execute);
      if (options.progress !== "json") {
        process.stderr.write(`\nThe images pulled or built moved; their containers follow:\n`);
        process.stderr.write(
          renderPlan(next.plan, {
            format: "human",
            color: wantsColor(process.stderr),
            showSensitive: options.showSensitive,
          }),
        );
      }
      const followed = await runPlan(next.plan, engine, execute);
      reportRun(
        {
          outcomes: [...result.outcomes, ...followed.outcomes],
          succeeded: followed.succeeded,
          interrupted: followed.interrupted,
          ...(followed.connectionLost ? { connectionLost: followed.connectionLost } : {}),
          elapsedMs: result.elapsedMs + followed.elapsedMs,
        },
        [...plan.changes.filter((c) => c.operations.length > 0), ...next.plan.changes],
        plan.stack,
        engine,
        execute,
      );
    }),
  );
}

/** Images the plan pulled or built: fresh, so the plan after them fetches none again. */
const imagesFetched = (plan: Plan): string[] =>
  plan.operations.flatMap((op) => (op.kind === "pullImage" || op.kind === "buildImage" ? [op.image] : []));

/**
 * Owner and expiry written by `stack apply --ttl`. The owner is who deployed: `STACK_OWNER` when
 * CI sets it (a branch, a pull request), else the user; `stack ls` shows it, `stack gc` reads expiry.
 */
function stackMeta(ttlMs: number, now = Date.now()): StackMeta {
  return { owner: process.env.STACK_OWNER || currentUser(), expiresAt: new Date(now + ttlMs).toISOString() };
}

type SavedPlan = ReturnType<typeof readSavedPlan>;

async function readPlanFile(file: string): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read the plan file ${file}: ${(error as Error).message}`,
      "make one with `stack plan --out FILE`",
    );
  }
  return readSavedPlan(text);
}

async function checkSavedPlan(
  saved: SavedPlan,
  engine: import("@stackform/engine").Engine,
  desired: DesiredStack,
): Promise<Plan> {
  const observed = await engine.observe(desired.name, observeScope(desired));
  const changed = staleness(saved, observed);
  if (changed.length > 0) {
    throw new CliError(
      `the saved plan is stale: the engine changed since it was made:\n${changed.map((c) => `  - ${c}`).join("\n")}`,
      "run `stack plan --out FILE` again, review it, and apply the new file",
    );
  }
  return saved.plan;
}
