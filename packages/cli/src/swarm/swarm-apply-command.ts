import { type ConvergeResult, waitForServices } from "@stackform/engine";
import { planSwarm, type SavedPlan, type SwarmPlan, swarmFingerprint } from "@stackform/planner";
import type { DesiredStack, Diagnostic, ObservedSwarm } from "@stackform/schema";
import { CliError, ExitCode } from "../cli-error.js";
import type { ApplyFlags } from "../commands/apply.js";
import { durationFlag } from "../durations.js";
import { confirm } from "../prompt.js";
import { buildContextDigest, buildContextDigests } from "./build-context-digest.js";
import { refuseUnpullableBuilds } from "./build-errors.js";
import { readFileObjectContents } from "./file-contents.js";
import { runSwarmActions } from "./run-swarm-actions.js";
import { stackDocuments } from "./stack-documents.js";
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
  saved: SavedPlan | undefined,
  options: ApplyFlags,
  desired: DesiredStack,
  warnings: Diagnostic[],
): Promise<void> {
  const timeoutMs = durationFlag("--wait-timeout", options.waitTimeout);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (!saved) refuseUnpullableBuilds(desired);
  await withSwarm(options, async (engine) => {
    const started = Date.now();
    const observed = await engine.observe(desired.name);
    const swarmPlan = saved
      ? await checkSavedBuilds(checkSavedSwarmPlan(saved, observed))
      : planSwarm({
          desired,
          extras: swarmExtras(stackDocuments(options, desired.files)),
          fileContents: await readFileObjectContents(desired),
          contextDigests: await buildContextDigests(desired),
          observed,
          warnings,
        });
    const planStream = options.json ? process.stderr : process.stdout;
    planStream.write(renderSwarmPlan(swarmPlan, "human", engine.endpoint, options.showSensitive, planStream));
    if (swarmPlan.actions.length === 0) {
      if (options.json) process.stdout.write(`${JSON.stringify(result(desired.name, [], undefined, 0))}\n`);
      return;
    }
    // A saved plan was already reviewed when it was made; that is what saving it is for.
    if (
      !saved &&
      !(await confirm(`\nApply these changes to stack ${desired.name} on the Swarm?`, options.yes))
    ) {
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

/**
 * The saved plan, if the stack's services and networks on the Swarm are still the ones it was made
 * from (ids and versions); else it is stale and nothing is done.
 */
function checkSavedSwarmPlan(saved: SavedPlan, observed: ObservedSwarm): SwarmPlan {
  const now = swarmFingerprint(observed);
  if (now !== saved.fingerprint || !saved.swarmActions) {
    throw new CliError(
      `the saved plan is stale: the stack's services or networks on the Swarm changed since it was made (fingerprint ${saved.fingerprint.slice(0, 12)} → ${now.slice(0, 12)})`,
      "run `stack plan --target swarm --out FILE` again, review it, and apply the new file",
    );
  }
  return { plan: saved.plan, actions: saved.swarmActions };
}

/**
 * A saved plan builds what its build contexts held when it was made: a context changed since is
 * not what was reviewed, so nothing is done.
 */
async function checkSavedBuilds(plan: SwarmPlan): Promise<SwarmPlan> {
  for (const action of plan.actions) {
    if (action.kind !== "buildImage") continue;
    if ((await buildContextDigest(action.build)) !== action.contextDigest)
      throw new CliError(
        `the saved plan is stale: the build context of image ${action.name} (${action.build.context}) changed since it was made`,
        "run `stack plan --target swarm --out FILE` again, review it, and apply the new file",
      );
  }
  return plan;
}
