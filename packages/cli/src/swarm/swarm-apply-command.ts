import { type ConvergeResult, waitForServices } from "@stackform/engine";
import { planSwarm } from "@stackform/planner";
import type { DesiredStack, Diagnostic } from "@stackform/schema";
import { CliError, ExitCode } from "../cli-error.js";
import type { ApplyFlags } from "../commands/apply.js";
import { durationFlag } from "../durations.js";
import { confirm } from "../prompt.js";
import { runSwarmActions } from "./run-swarm-actions.js";
import { stackDocuments } from "./stack-target.js";
import { swarmExtras } from "./swarm-extras.js";
import { renderSwarmPlan } from "./swarm-plan-command.js";
import { withSwarm } from "./with-swarm.js";

/**
 * `stack apply --target swarm`: plan, show, confirm, run the actions, then wait until every created
 * or updated service has converged (tasks running, healthy where there is a healthcheck). A failed
 * update (Swarm rolls it back when `update_config.failure_action: rollback`) exits 1 with the tasks'
 * errors.
 */
export async function swarmApplyCommand(
  planFile: string | undefined,
  options: ApplyFlags,
  desired: DesiredStack,
  warnings: Diagnostic[],
): Promise<void> {
  if (planFile) {
    throw new CliError(
      "saved plans are not supported yet for --target swarm",
      "run `stack apply --target swarm` without a plan file",
    );
  }
  const timeoutMs = durationFlag("--wait-timeout", options.waitTimeout);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  await withSwarm(options, async (engine) => {
    const started = Date.now();
    const swarmPlan = planSwarm({
      desired,
      extras: swarmExtras(stackDocuments(options, desired.files)),
      observed: await engine.observe(desired.name),
      warnings,
    });
    const planStream = options.json ? process.stderr : process.stdout;
    planStream.write(renderSwarmPlan(swarmPlan, "human", engine.endpoint, options.showSensitive, planStream));
    if (swarmPlan.actions.length === 0) {
      if (options.json) process.stdout.write(`${JSON.stringify(result(desired.name, [], undefined, 0))}\n`);
      return;
    }
    if (!(await confirm(`\nApply these changes to stack ${desired.name} on the Swarm?`, options.yes))) {
      throw new CliError("apply cancelled; nothing was changed");
    }
    const outcomes = await runSwarmActions(engine, swarmPlan.actions, say);
    const touched = outcomes.flatMap((o) => (o.serviceId ? [{ id: o.serviceId, name: o.name }] : []));
    const converge = await waitForServices(engine, touched, {
      timeoutMs,
      onProgress: (p) =>
        say(
          `service ${p.name}: ${p.running}/${p.desired} running${p.updateState ? ` (update ${p.updateState})` : ""}`,
        ),
    });
    const elapsedMs = Date.now() - started;
    if (options.json)
      process.stdout.write(`${JSON.stringify(result(desired.name, outcomes, converge, elapsedMs))}\n`);
    if (!converge.ok) {
      for (const f of converge.failures) {
        say(`Error: service ${f.name}: ${f.reason}`);
        for (const e of f.taskErrors) say(`  task ${e}`);
      }
      throw new ExitCode(1);
    }
    say(`Apply complete in ${(elapsedMs / 1000).toFixed(1)} s: ${touched.length} service(s) converged.`);
  });
}

function result(stack: string, outcomes: unknown[], converge: ConvergeResult | undefined, elapsedMs: number) {
  return {
    stack,
    target: "swarm",
    succeeded: converge?.ok ?? true,
    outcomes,
    failures: converge?.failures ?? [],
    elapsed_ms: elapsedMs,
  };
}
