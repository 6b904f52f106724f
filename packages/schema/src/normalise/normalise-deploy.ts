import type { DesiredService, UpdateConfig } from "../model/desired-stack.js";
import { parseDurationValue } from "../parse/duration.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";

type UpdateConfigInput = NonNullable<NonNullable<ServiceInput["deploy"]>["update_config"]>;

const duration = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const result = parseDurationValue(value);
  return result.ok ? result.value : undefined;
};

/** Only the keys given: defaults belong to the target that runs the update. */
export function normaliseUpdateConfig(input: UpdateConfigInput | undefined): UpdateConfig | undefined {
  if (input === undefined) return undefined;
  const config: UpdateConfig = {};
  if (input.parallelism !== undefined) config.parallelism = input.parallelism;
  const delay = duration(input.delay);
  if (delay !== undefined) config.delay = delay;
  if (input.order !== undefined) config.order = input.order;
  if (input.failure_action !== undefined) config.failureAction = input.failure_action;
  const monitor = duration(input.monitor);
  if (monitor !== undefined) config.monitor = monitor;
  if (input.max_failure_ratio !== undefined) config.maxFailureRatio = input.max_failure_ratio;
  return config;
}

/** The rollout settings of a service: `deploy.update_config`, `deploy.rollback_config`, `x-stackform.drain`. */
export function normaliseRollout(
  service: ServiceInput,
): Pick<DesiredService, "updateConfig" | "rollbackConfig" | "drain"> {
  const result: Pick<DesiredService, "updateConfig" | "rollbackConfig" | "drain"> = {};
  const update = normaliseUpdateConfig(service.deploy?.update_config);
  if (update) result.updateConfig = update;
  const rollback = normaliseUpdateConfig(service.deploy?.rollback_config);
  if (rollback) result.rollbackConfig = rollback;
  const drain = duration(service["x-stackform"]?.drain);
  if (drain !== undefined) result.drain = drain;
  return result;
}
