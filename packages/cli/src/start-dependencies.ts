import { apply, withStackLock } from "@stackform/applier";
import type { Engine } from "@stackform/engine";
import { plan, sensitiveValues } from "@stackform/planner";
import type { DesiredStack, Diagnostic } from "@stackform/schema";
import { CliError } from "./cli-error.js";
import { lockHolder, lockOptions } from "./lock-holder.js";
import { observeScope } from "./observe-scope.js";
import { createReporter } from "./progress/create-reporter.js";
import { redactor } from "./redact.js";
import { VERSION } from "./version.js";

/** Every service `service` depends on, transitively, not itself. */
export function dependencyClosure(desired: DesiredStack, service: string): Set<string> {
  const found = new Set<string>();
  const visit = (name: string) => {
    for (const dependency of Object.keys(desired.services[name]?.dependsOn ?? {})) {
      if (found.has(dependency) || dependency === service) continue;
      found.add(dependency);
      visit(dependency);
    }
  };
  visit(service);
  return found;
}

/**
 * `stack run` brings up what the service depends on, as `docker compose run` does: the plan of
 * the stack narrowed to those services (and every network and volume of the file), applied
 * under the stack's lock. The other services' containers are hidden from the planner so that
 * they are neither touched nor taken for orphans. Progress goes to stderr; stdout is the one-off's.
 */
export async function startDependencies(
  engine: Engine,
  desired: DesiredStack,
  service: string,
  warnings: Diagnostic[],
): Promise<void> {
  const wanted = dependencyClosure(desired, service);
  const narrowed: DesiredStack = {
    ...desired,
    services: Object.fromEntries(Object.entries(desired.services).filter(([name]) => wanted.has(name))),
  };
  await withStackLock(engine, desired.name, lockHolder("run"), lockOptions(0), async () => {
    const observed = await engine.observe(desired.name, observeScope(narrowed));
    const scoped = { ...observed, containers: observed.containers.filter((c) => wanted.has(c.service)) };
    const trustConfigHash = process.env.STACKFORM_TRUST_CONFIG_HASH !== "0";
    const narrowedPlan = plan(narrowed, scoped, { warnings, stackformVersion: VERSION, trustConfigHash });
    if (narrowedPlan.operations.length === 0) return;
    const reporter = createReporter("plain");
    const redact = redactor(sensitiveValues(desired));
    const result = await apply(narrowedPlan, engine, {
      onEvent: (event) => {
        if (event.error) event.error.message = redact(event.error.message);
        reporter.onEvent(event);
      },
      onProgress: (id, line) => reporter.onProgress(id, redact(line)),
    });
    reporter.finish();
    const failed = result.outcomes.find((o) => o.status === "failed");
    if (!result.succeeded) {
      throw new CliError(
        `cannot start the dependencies of ${service}: ${failed?.error?.message ?? "the apply did not finish"}`,
        "see `stack plan`, fix what failed, then run again (or pass --no-deps)",
      );
    }
  });
}
