import type { DesiredService, UpdateConfig } from "@stackform/schema/contract";

export type RolloutOrder = "start-first" | "stop-first";

/** How one service's replaced replicas roll over: everything the plan shows and the applier follows. */
export interface RolloutStrategy {
  order: RolloutOrder;
  /** Why stop-first, when it is: `host port 8080 can be bound by one container at a time`. */
  reason?: string;
  /** Replicas per batch; 0: all in one batch. */
  parallelism: number;
  delayMs: number;
  failureAction: NonNullable<UpdateConfig["failureAction"]>;
  /** How long a new container without a healthcheck must keep running to count as up. */
  monitorMs: number;
  maxFailureRatio: number;
  /** How long a leaving container stays up off the networks before its stop. */
  drainMs: number;
  /** The service defines a healthcheck: the gate waits for healthy. */
  healthcheck: boolean;
  /** `deploy.rollback_config`: how finished replicas are put back when a later batch fails. */
  rollback: { parallelism: number; delayMs: number; order: RolloutOrder };
}

/** One replica at a time, as Swarm; 3 s of monitoring (Swarm: 5 s) keeps updates of many services quick. */
export const DEFAULT_PARALLELISM = 1;
export const DEFAULT_MONITOR_MS = 3_000;
export const DEFAULT_DRAIN_MS = 2_000;

const ms = (ns: number | undefined, fallback: number): number =>
  ns === undefined ? fallback : Math.round(ns / 1e6);

/**
 * Start-first wherever it is possible: the old container serves until the new one is up. It is
 * not when two containers of the service cannot exist side by side (a fixed host port, the host's
 * network, a fixed container name), or when the stack file asks for stop-first.
 */
export function rolloutStrategy(service: DesiredService): RolloutStrategy {
  const config = service.updateConfig ?? {};
  const fixedPort = service.ports.find((p) => p.published !== undefined);
  let order: RolloutOrder = "start-first";
  let reason: string | undefined;
  if (fixedPort !== undefined) {
    order = "stop-first";
    reason = `host port ${fixedPort.published} can be bound by one container at a time`;
  } else if (service.networkMode?.kind === "host") {
    order = "stop-first";
    reason = "with network_mode host the new container would contend for the old one's host ports";
  } else if (service.containerName !== undefined) {
    order = "stop-first";
    reason = `container_name ${service.containerName} can name one container at a time`;
  } else if (config.order === "stop-first") {
    order = "stop-first";
    reason = "deploy.update_config.order is stop-first";
  }
  const healthcheck = service.healthcheck !== undefined && service.healthcheck.test[0] !== "NONE";
  const rollback = service.rollbackConfig ?? {};
  // What forces stop-first on an update (a port, a name) forces it on the way back too.
  const forced = order === "stop-first" && config.order !== "stop-first";
  return {
    order,
    ...(reason === undefined ? {} : { reason }),
    parallelism: config.parallelism ?? DEFAULT_PARALLELISM,
    delayMs: ms(config.delay, 0),
    failureAction: config.failureAction ?? "rollback",
    monitorMs: ms(config.monitor, DEFAULT_MONITOR_MS),
    maxFailureRatio: config.maxFailureRatio ?? 0,
    drainMs: ms(service.drain, DEFAULT_DRAIN_MS),
    healthcheck,
    rollback: {
      parallelism: rollback.parallelism ?? DEFAULT_PARALLELISM,
      delayMs: ms(rollback.delay, 0),
      order: forced ? "stop-first" : (rollback.order ?? order),
    },
  };
}

const seconds = (value: number): string => `${Number((value / 1000).toFixed(3))}s`;

/**
 * The strategy as the plan shows it: `start-first, 1 at a time, gate: healthy, drain 2s`, or
 * `stop-first: host port 8080 can be bound by one container at a time`.
 */
export function describeStrategy(strategy: RolloutStrategy, replaced: number): string {
  if (strategy.order === "stop-first") return `stop-first: ${strategy.reason ?? "asked for"}`;
  const parts = [
    "start-first",
    strategy.parallelism === 0 || strategy.parallelism >= replaced
      ? replaced === 1
        ? "1 at a time"
        : "all at once"
      : `${strategy.parallelism} at a time`,
    `gate: ${strategy.healthcheck ? "healthy" : `running ${seconds(strategy.monitorMs)}`}`,
  ];
  if (strategy.delayMs > 0) parts.push(`delay ${seconds(strategy.delayMs)}`);
  if (strategy.drainMs > 0) parts.push(`drain ${seconds(strategy.drainMs)}`);
  if (strategy.failureAction !== "rollback") parts.push(`on failure: ${strategy.failureAction}`);
  else if (replaced > 1 && !isDefaultRollback(strategy))
    parts.push(`rollback: ${describeRollback(strategy)}`);
  return parts.join(", ");
}

/** One replica at a time, in the update's order: what a plan need not say. */
const isDefaultRollback = ({ rollback, order }: RolloutStrategy): boolean =>
  rollback.parallelism === DEFAULT_PARALLELISM && rollback.delayMs === 0 && rollback.order === order;

/** `2 at a time`, `all at once, delay 1s, stop-first`: the part of rollback_config a plan shows. */
function describeRollback(strategy: RolloutStrategy): string {
  const { parallelism, delayMs, order } = strategy.rollback;
  const parts = [parallelism === 0 ? "all at once" : `${parallelism} at a time`];
  if (delayMs > 0) parts.push(`delay ${seconds(delayMs)}`);
  if (order === "stop-first") parts.push("stop-first");
  return parts.join(", ");
}
