import { Labels, type ObservedContainer, type Resources } from "@stackform/schema/contract";
import type { ConnectNetwork, UpdateContainer } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import type { FieldChange } from "../model/plan.js";
import { differingEndpointFields, endpointSettings } from "../spec/endpoint-options.js";
import { compareText } from "../util/compare.js";
import { addStart } from "./container-ops.js";
import { RESOURCE_FIELDS, restartText } from "./format-values.js";
import { edgeKey, type PlanContext } from "./plan-context.js";
import type { Slot } from "./slot.js";

const inPlace = (path: string, before: unknown, after: unknown): FieldChange => ({
  path,
  before,
  after,
  sensitive: false,
  forcesReplace: false,
});

/** An in-place repair of one replica: the service changes, and says which container. */
const noteDrift = (ctx: PlanContext, slot: Slot, cause: string, fields: FieldChange[]): void =>
  ctx.builder.note(slot.resource, "update", cause, fields, { name: slot.name, action: "update", cause });

/** "No limit" reads as `undefined`, `0` or (pids) `-1` depending on who wrote it. */
const limit = (value: number | undefined): number => (value === undefined || value < 0 ? 0 : value);

/**
 * Repairs drift on a container whose config hash matches, with the smallest operations: start
 * it, `docker update` its restart policy and limits, connect or disconnect networks. Fields
 * Docker changes in place are compared with the live values, so manual changes show up here.
 */
export function repairDrift(ctx: PlanContext, slot: Slot, current: ObservedContainer, after: string[]): void {
  const { builder } = ctx;
  const connects = repairNetworks(ctx, slot, current);
  const update = repairUpdatable(ctx, slot, current);

  switch (current.state) {
    case "running":
    case "restarting":
      return;
    case "paused":
      builder.warn({
        severity: "warning",
        code: "container-paused",
        message: `container ${current.name} is paused; Stackform leaves it so`,
        hint: `docker unpause ${current.name}`,
      });
      return;
    case "removing":
      builder.warn({
        severity: "warning",
        code: "container-removing",
        message: `container ${current.name} is being removed by the engine; plan again once it is gone`,
      });
      return;
    case "dead":
      // A dead container is replaced (replaceReason); never reached.
      return;
    case "created":
    case "exited":
      if (cleanExitIsDesired(ctx, slot, current)) return;
      addStart(ctx, slot, [...connects, update, ...after]);
      noteDrift(ctx, slot, "stopped outside Stackform", [inPlace("state", current.state, "running")]);
      return;
  }
}

/**
 * A one-shot service (depends on nothing, restart "no") that another service waits for with
 * `service_completed_successfully` is done when it exited 0: starting it again would rerun it.
 */
function cleanExitIsDesired(ctx: PlanContext, slot: Slot, current: ObservedContainer): boolean {
  return (
    current.state === "exited" &&
    current.exitCode === 0 &&
    slot.service.restart.name === "no" &&
    Object.keys(slot.service.dependsOn).length === 0 &&
    ctx.completionTargets.has(slot.service.name)
  );
}

/** `updateContainer` with only what differs; returns its id when one is needed. */
function repairUpdatable(ctx: PlanContext, slot: Slot, current: ObservedContainer): string | undefined {
  const fields: FieldChange[] = [];
  const op: UpdateContainer = {
    id: OperationIds.update(slot.name),
    after: [],
    resource: slot.resource,
    kind: "updateContainer",
    container: slot.name,
  };
  const wanted = slot.spec.restart;
  const live = current.restart;
  if (
    wanted.name !== live.name ||
    (wanted.name === "on-failure" && wanted.maximumRetryCount !== live.maximumRetryCount)
  ) {
    op.restart = { ...wanted };
    fields.push(inPlace("restart", restartText(live), restartText(wanted)));
  }
  const resources: Resources = {};
  for (const { key, path, show } of RESOURCE_FIELDS) {
    const want = slot.spec.resources[key];
    // The engine derives swap from memory when it is not set, so only a set value is compared.
    if (key === "memswapLimit" && want === undefined) continue;
    if (limit(want) === limit(current.resources[key])) continue;
    resources[key] = limit(want);
    const before = current.resources[key];
    fields.push(
      inPlace(
        path,
        limit(before) === 0 ? "unlimited" : show(before!),
        want === undefined || limit(want) === 0 ? "unlimited" : show(want),
      ),
    );
  }
  if (Object.keys(resources).length > 0) op.resources = resources;
  if (fields.length === 0) return undefined;
  ctx.builder.add(op);
  const what = [op.restart ? "restart policy" : undefined, op.resources ? resourceWords(fields) : undefined]
    .filter(Boolean)
    .join(" and ");
  noteDrift(
    ctx,
    slot,
    `${what} on the engine ${fields.length > 1 ? "differ" : "differs"} from the stack file`,
    fields,
  );
  return op.id;
}

/**
 * Connects missing endpoints, disconnects endpoints on stack networks the service should not
 * join, and reconnects endpoints whose aliases or address differ, or whose network is recreated.
 * Returns the connect operations (a start waits for them).
 */
function repairNetworks(ctx: PlanContext, slot: Slot, current: ObservedContainer): string[] {
  const { builder } = ctx;
  // Stack-file keys in what people read; engine names in the operations.
  const keyOf = (name: string): string =>
    Object.values(ctx.desired.networks).find((n) => n.name === name)?.key ??
    ctx.networks.get(name)?.labels[Labels.key] ??
    name;
  const connects: string[] = [];
  const disconnect = (network: string): string => {
    const id = OperationIds.disconnect(slot.name, network);
    builder.add({
      id,
      after: [],
      resource: slot.resource,
      kind: "disconnectNetwork",
      container: slot.name,
      network,
    });
    ctx.disconnectOps.set(edgeKey(current.name, network), id);
    return id;
  };
  const wanted = new Set(slot.spec.networks.map((n) => n.network));
  for (const attachment of slot.spec.networks) {
    const endpoint = current.networks[attachment.network];
    const status = ctx.networkStatus.get(attachment.network);
    let before: string | undefined;
    let cause: string | undefined;
    const fields: FieldChange[] = [];
    if (status === "replace" && endpoint) {
      before = disconnect(attachment.network);
      cause = `reconnected to network ${keyOf(attachment.network)}, which is recreated`;
    } else if (!endpoint) {
      cause = `not connected to network ${keyOf(attachment.network)} (disconnected outside Stackform, or added to the file)`;
      fields.push(inPlace(`networks.${keyOf(attachment.network)}`, undefined, "connected"));
    } else {
      // The engine adds the container's hostname as an alias of its own.
      const aliases = endpoint.aliases
        .filter((a) => a !== current.config.hostname || attachment.aliases.includes(a))
        .sort(compareText);
      const sameAliases =
        aliases.length === attachment.aliases.length && aliases.every((a, i) => a === attachment.aliases[i]);
      const differing = differingEndpointFields(endpoint, attachment);
      if (sameAliases && differing.length === 0) continue;
      before = disconnect(attachment.network);
      const key = keyOf(attachment.network);
      const first = differing[0];
      cause =
        sameAliases && first
          ? `${first.compose} on network ${key} differs`
          : `aliases on network ${key} differ`;
      if (!sameAliases) fields.push(inPlace(`networks.${key}.aliases`, aliases, attachment.aliases));
      for (const { key: setting, compose } of differing) {
        fields.push(inPlace(`networks.${key}.${compose}`, endpoint[setting], attachment[setting]));
      }
    }
    const op: ConnectNetwork = {
      id: OperationIds.connect(slot.name, attachment.network),
      after: [],
      resource: slot.resource,
      kind: "connectNetwork",
      container: slot.name,
      network: attachment.network,
      aliases: [...attachment.aliases],
      ...endpointSettings(attachment),
    };
    builder.add(op);
    builder.after(op.id, before, ctx.networkCreateOps.get(attachment.network));
    connects.push(op.id);
    noteDrift(ctx, slot, cause, fields);
  }
  for (const network of Object.keys(current.networks).sort(compareText)) {
    if (wanted.has(network) || ctx.networks.get(network)?.stack !== ctx.desired.name) continue;
    disconnect(network);
    noteDrift(ctx, slot, `connected to network ${keyOf(network)}, which it should not join`, [
      inPlace(`networks.${keyOf(network)}`, "connected", undefined),
    ]);
  }
  return connects;
}

const resourceWords = (fields: FieldChange[]): string => {
  const limits = fields.filter((f) => f.path !== "restart");
  return limits.length === 1 ? `${limits[0]!.path}` : "resource limits";
};
