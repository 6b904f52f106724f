import { Labels, type NetworkSpec, type ObservedNetwork } from "@stackform/schema/contract";
import { shortHash } from "../hash/config-hash.js";
import type { CreateNetwork, RemoveNetwork } from "../model/operation.js";
import { OperationIds } from "../model/operation-ids.js";
import type { FieldChange } from "../model/plan.js";
import { buildNetworkSpec } from "../spec/object-specs.js";
import { compareText } from "../util/compare.js";
import { edgeKey, type PlanContext } from "./plan-context.js";

/** Networks owned by the stack but no longer in its file: removed once nothing uses them. */
const staleNetworks = (ctx: PlanContext): ObservedNetwork[] => {
  const wanted = new Set(Object.values(ctx.desired.networks).map((n) => n.name));
  return [...ctx.networks.values()]
    .filter((n) => n.stack === ctx.desired.name && !wanted.has(n.name))
    .sort((a, b) => compareText(a.name, b.name));
};

/**
 * Decides every network's fate before the containers are planned (a container on a replaced
 * network is handled differently) and adds the create/remove operations. Which containers a
 * removal waits for is wired later by `wireNetworkRemovals`, once they are planned.
 */
export function reconcileNetworks(ctx: PlanContext): void {
  const { desired, builder } = ctx;
  for (const key of Object.keys(desired.networks).sort(compareText)) {
    const network = desired.networks[key]!;
    const observed = ctx.networks.get(network.name);
    const resource = `network ${key}`;
    if (network.external) {
      ctx.networkStatus.set(network.name, observed ? "external" : "missing-external");
      if (!observed) {
        builder.warn({
          severity: "warning",
          code: "external-network-missing",
          message: `external network ${network.name} does not exist; apply will fail to create the containers that join it`,
          hint: `create it first: docker network create ${network.name}`,
        });
      }
      continue;
    }
    const spec = buildNetworkSpec(desired.name, network);
    if (!observed) {
      ctx.networkStatus.set(network.name, "create");
      addCreate(ctx, resource, spec);
      builder.note(resource, "create", "not on the engine", [
        { path: "driver", after: spec.driver, sensitive: false, forcesReplace: false },
        ...(spec.enableIpv6
          ? [{ path: "enable_ipv6", after: true, sensitive: false, forcesReplace: false }]
          : []),
      ]);
      continue;
    }
    if (observed.stack !== desired.name) {
      ctx.networkStatus.set(network.name, "foreign");
      builder.warn({
        severity: "warning",
        code: "network-not-owned",
        message: `network ${network.name} exists but was not created by stack ${desired.name}; it is used as is`,
        hint: "mark it `external: true` if that is intended",
      });
      continue;
    }
    const hash = spec.labels[Labels.configHash]!;
    // A network Compose made for this project (adoption) has no hash: kept when what can be
    // compared matches. Compose v1 makes every network attachable, which matters to Swarm only.
    const composeMade =
      observed.configHash === undefined &&
      observed.labels[Labels.composeProject] === desired.name &&
      networkFieldChanges(observed, { ...spec, attachable: observed.attachable }).length === 0;
    if (observed.configHash === hash || composeMade) {
      ctx.networkStatus.set(network.name, "ok");
      continue;
    }
    ctx.networkStatus.set(network.name, "replace");
    const remove: RemoveNetwork = {
      id: OperationIds.removeNetwork(network.name),
      after: [],
      resource,
      kind: "removeNetwork",
      network: network.name,
    };
    builder.add(remove);
    const create = addCreate(ctx, resource, spec);
    builder.after(create, remove.id);
    const fields = networkFieldChanges(observed, spec);
    const cause =
      fields.length > 0
        ? `${fields.map((f) => f.path).join(", ")} changed; a network's options are fixed at creation, so it is recreated and its containers reconnected`
        : `options changed (config hash ${shortHash(observed.configHash ?? "none")} → ${shortHash(hash)}); it is recreated and its containers reconnected`;
    builder.note(resource, "replace", cause, fields);
  }
  for (const network of staleNetworks(ctx)) {
    const resource = `network ${network.labels[Labels.key] ?? network.name}`;
    builder.add({
      id: OperationIds.removeNetwork(network.name),
      after: [],
      resource,
      kind: "removeNetwork",
      network: network.name,
    });
    builder.note(
      resource,
      "remove",
      `network ${network.labels[Labels.key] ?? network.name} is not in the stack file`,
    );
  }
}

function addCreate(ctx: PlanContext, resource: string, spec: NetworkSpec): string {
  const op: CreateNetwork = {
    id: OperationIds.createNetwork(spec.name),
    after: [],
    resource,
    kind: "createNetwork",
    network: spec,
  };
  ctx.builder.add(op);
  ctx.networkCreateOps.set(spec.name, op.id);
  return op.id;
}

/** What can be named from the observed network; driver options and IPAM only show in the hash. */
function networkFieldChanges(observed: ObservedNetwork, spec: NetworkSpec): FieldChange[] {
  const fields: FieldChange[] = [];
  const field = (path: string, before: unknown, after: unknown) =>
    fields.push({ path, before, after, sensitive: false, forcesReplace: true });
  if (observed.driver !== spec.driver) field("driver", observed.driver, spec.driver);
  if (observed.internal !== spec.internal) field("internal", observed.internal, spec.internal);
  if (observed.attachable !== spec.attachable) field("attachable", observed.attachable, spec.attachable);
  const enableIpv6 = spec.enableIpv6 ?? false;
  if (observed.enableIpv6 !== enableIpv6) field("enable_ipv6", observed.enableIpv6, enableIpv6);
  for (const key of Object.keys(spec.labels).sort(compareText)) {
    if (key.startsWith("dev.stackform.") || key.startsWith("com.docker.compose.")) continue;
    if (observed.labels[key] !== spec.labels[key])
      field(`labels.${key}`, observed.labels[key], spec.labels[key]);
  }
  return fields;
}

/**
 * A network is removed only after every container on it is removed or disconnected: the
 * container reconcile made those operations; this orders the removal after them.
 */
export function wireNetworkRemovals(ctx: PlanContext): void {
  for (const container of ctx.observed.containers) {
    for (const network of Object.keys(container.networks)) {
      const removal = OperationIds.removeNetwork(network);
      if (!ctx.builder.has(removal)) continue;
      ctx.builder.after(
        removal,
        ctx.removeOps.get(container.name),
        ctx.disconnectOps.get(edgeKey(container.name, network)),
      );
    }
  }
}
