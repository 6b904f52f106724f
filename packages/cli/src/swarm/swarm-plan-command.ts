import { planSwarm, planToJson, renderPlan, type SwarmPlan, savedSwarmPlanFile } from "@stackform/planner";
import type { DesiredStack, Diagnostic } from "@stackform/schema";
import { ExitCode } from "../cli-error.js";
import { type PlanFlags, writePlanFile } from "../commands/plan.js";
import { wantsColor } from "../output.js";
import { buildContextDigests } from "./build-context-digest.js";
import { refuseUnpullableBuilds } from "./build-errors.js";
import { readFileObjectContents } from "./file-contents.js";
import { stackDocuments } from "./stack-documents.js";
import { swarmExtras } from "./swarm-extras.js";
import { withSwarm } from "./with-swarm.js";

/** `stack plan --target swarm`: the same rendering and exit codes as for containers. */
export async function swarmPlanCommand(
  options: PlanFlags,
  desired: DesiredStack,
  warnings: Diagnostic[],
): Promise<void> {
  const format = options.format ?? (options.json ? "json" : "human");
  refuseUnpullableBuilds(desired);
  const changes = await withSwarm(options, async (engine) => {
    const swarmPlan = planSwarm({
      desired,
      extras: swarmExtras(stackDocuments(options, desired.files)),
      fileContents: await readFileObjectContents(desired),
      contextDigests: await buildContextDigests(desired),
      observed: await engine.observe(desired.name),
      warnings,
    });
    process.stdout.write(renderSwarmPlan(swarmPlan, format, engine.endpoint, options.showSensitive));
    if (options.out) await writePlanFile(options.out, savedSwarmPlanFile(swarmPlan, desired));
    return swarmPlan.actions.length > 0;
  });
  if (options.detailedExitcode && changes) throw new ExitCode(2);
}

export function renderSwarmPlan(
  swarmPlan: SwarmPlan,
  format: "human" | "json" | "markdown",
  endpoint: string,
  showSensitive: boolean,
  stream: NodeJS.WritableStream = process.stdout,
): string {
  if (format === "json") {
    const json = {
      ...planToJson(swarmPlan.plan, { showSensitive }),
      target: "swarm",
      engine: endpoint,
      swarm_actions: swarmPlan.actions.map((a) => ({ id: a.id, kind: a.kind, name: a.name })),
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  const head = format === "human" ? `Engine: ${endpoint} (Swarm)\n` : "";
  const body = renderPlan(swarmPlan.plan, {
    format,
    color: format === "human" && wantsColor(stream),
    showSensitive,
    engine: `${endpoint} (Swarm)`,
  });
  return head + body;
}
