import { chmod, writeFile } from "node:fs/promises";
import { planToJson, renderPlan, savedPlanFile } from "@stackform/planner";
import { ExitCode } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { loadDesired } from "../load-desired.js";
import { observeAndPlan } from "../make-plan.js";
import { wantsColor } from "../output.js";
import { stackDocuments } from "../swarm/stack-documents.js";
import { stackTarget } from "../swarm/stack-target.js";
import { swarmOnlyWarnings } from "../swarm/swarm-only-warnings.js";

export interface PlanFlags extends GlobalOptions {
  out?: string;
  format?: "human" | "json" | "markdown";
  detailedExitcode: boolean;
  wait: boolean;
  showSensitive: boolean;
}

export async function planCommand(options: PlanFlags): Promise<void> {
  const { desired, warnings } = await loadDesired(options);
  if ((await stackTarget(options, desired.files)) === "swarm") {
    return (await import("../swarm/swarm-plan-command.js")).swarmPlanCommand(options, desired, warnings);
  }
  warnings.push(...swarmOnlyWarnings(stackDocuments(options, desired.files)));
  const format = options.format ?? (options.json ? "json" : "human");
  const changes = await withEngine(options, async (engine) => {
    const { plan, observed } = await observeAndPlan(engine, desired, { waitAll: options.wait, warnings });
    if (format === "json") {
      const json = { ...planToJson(plan, { showSensitive: options.showSensitive }), engine: engine.endpoint };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      // The plan is the result: stdout, so `stack plan > plan.txt` holds all of it.
      if (format === "human") process.stdout.write(`Engine: ${engine.endpoint}\n`);
      process.stdout.write(
        renderPlan(plan, {
          format,
          color: format === "human" && wantsColor(process.stdout),
          showSensitive: options.showSensitive,
          engine: engine.endpoint,
        }),
      );
    }
    if (options.out) await writePlanFile(options.out, savedPlanFile(plan, desired, observed));
    return plan.operations.length > 0;
  });
  if (options.detailedExitcode && changes) throw new ExitCode(2);
}

/** Writes a saved plan: it holds the desired stack with its secret values, so only the owner may read it. */
export async function writePlanFile(file: string, text: string): Promise<void> {
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
  process.stderr.write(`\nSaved the plan to ${file} (mode 0600; it contains secret values).\n`);
  process.stderr.write(`Apply exactly this plan with: stack apply ${file}\n`);
}
