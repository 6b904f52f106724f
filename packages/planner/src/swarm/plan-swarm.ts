import type { DesiredStack, Diagnostic, ObservedSwarm, SwarmServiceExtras } from "@stackform/schema";
import { canonicalJson } from "../hash/canonical-json.js";
import { sha256Hex } from "../hash/sha256.js";
import { type Change, type FieldChange, PLAN_FORMAT_VERSION } from "../model/plan.js";
import { compareText } from "../util/compare.js";
import { SwarmFileObjects } from "./file-objects.js";
import { buildSwarmNetworkSpec } from "./network-spec.js";
import { buildSwarmServiceSpec, swarmServiceName } from "./service-spec.js";
import { type SpecField, specFields } from "./spec-fields.js";
import type { SwarmAction, SwarmPlan } from "./swarm-plan.js";
import { swarmWarnings } from "./swarm-warnings.js";

export interface SwarmPlanInput {
  desired: DesiredStack;
  /** Swarm-only keys of each service, by service key (missing: none set). */
  extras: Record<string, SwarmServiceExtras>;
  observed: ObservedSwarm;
  /**
   * The values of `file:` secrets and configs, keyed `secret:KEY` / `config:KEY`: read by the
   * caller, as the planner does no I/O. Values from `environment:`/`content:` are in `desired`.
   */
  fileContents?: Record<string, string>;
  /** Load warnings; they travel into the plan. */
  warnings?: Diagnostic[];
}

const NO_EXTRAS: SwarmServiceExtras = { labels: {}, portModes: {} };

/**
 * The Swarm plan: pure, from the desired stack and what the stack has on the Swarm. Services are
 * compared field by field (see specFields) and updated in place under the version index they were
 * observed at; task churn (rescheduled tasks, drained nodes) is not looked at, so it is never drift.
 */
export function planSwarm(input: SwarmPlanInput): SwarmPlan {
  const { desired, observed } = input;
  const stack = desired.name;
  const actions: SwarmAction[] = [];
  const changes: Change[] = [];
  const act = (action: SwarmAction) => {
    actions.push(action);
    return action.id;
  };

  const networkNames = new Map<string, string>();
  for (const n of observed.networks) {
    networkNames.set(n.id, n.name);
    networkNames.set(n.name, n.name);
  }
  const wantedNetworks = Object.values(desired.networks)
    .filter((n) => !n.external)
    .sort((a, b) => compareText(a.name, b.name));
  const haveNetwork = new Map(observed.networks.map((n) => [n.name, n]));
  for (const network of wantedNetworks) {
    const spec = buildSwarmNetworkSpec(stack, network);
    const have = haveNetwork.get(network.name);
    const resource = `network ${network.key}`;
    if (!have) {
      const id = act({
        id: `network:${network.name}:create`,
        kind: "createNetwork",
        name: network.name,
        spec,
      });
      changes.push({
        resource,
        action: "create",
        cause: "not on the swarm",
        fields: [field("driver", undefined, spec.Driver)],
        operations: [id],
      });
    } else {
      changes.push({ resource, action: "keep", cause: "matches", fields: [], operations: [] });
    }
  }

  const fileObjects = new SwarmFileObjects(desired, observed, input.fileContents ?? {});
  const serviceKeys = Object.keys(desired.services).sort(compareText);
  const serviceFiles = new Map(
    serviceKeys.map((key) => [key, fileObjects.forService(desired.services[key]!)]),
  );
  // Created before the services that mount them; the apply fills their ids into those services.
  for (const object of [...fileObjects.wanted.values()].sort((a, b) =>
    compareText(a.spec.Name, b.spec.Name),
  )) {
    const resource = `${object.kind} ${object.key}`;
    if (object.id) {
      changes.push({ resource, action: "keep", cause: "matches", fields: [], operations: [] });
      continue;
    }
    const id = act({
      id: `${object.kind}:${object.spec.Name}:create`,
      kind: "createFileObject",
      name: object.spec.Name,
      objectKind: object.kind,
      spec: object.spec,
    });
    const replaced = [...observed.secrets, ...observed.configs].some((o) =>
      o.name.startsWith(`${stack}_${object.key}_`),
    );
    changes.push({
      resource,
      action: "create",
      cause: replaced
        ? "its value changed; Swarm keeps it immutable, so it is created anew"
        : "not on the swarm",
      fields: [field("name", undefined, object.spec.Name)],
      operations: [id],
    });
  }

  const haveService = new Map(observed.services.map((s) => [s.name, s]));
  for (const key of serviceKeys) {
    const service = desired.services[key]!;
    const spec = buildSwarmServiceSpec(
      desired,
      service,
      input.extras[key] ?? NO_EXTRAS,
      serviceFiles.get(key),
    );
    const name = swarmServiceName(stack, key);
    const have = haveService.get(name);
    const sensitive = new Set(service.sensitiveKeys.map((k) => `environment.${k}`));
    const resource = `service ${key}`;
    if (!have) {
      const id = act({ id: `service:${name}:create`, kind: "createService", name, spec });
      changes.push({
        resource,
        action: "create",
        cause: "not on the swarm",
        fields: specFields(spec).map((f) => field(f.path, undefined, f.value, sensitive.has(f.path))),
        operations: [id],
      });
      continue;
    }
    const fields = diffFields(
      specFields(have.spec, (n) => networkNames.get(n) ?? n),
      specFields(spec, (n) => networkNames.get(n) ?? n),
      sensitive,
    );
    if (fields.length === 0) {
      changes.push({ resource, action: "keep", cause: "matches", fields: [], operations: [] });
      continue;
    }
    const id = act({
      id: `service:${name}:update`,
      kind: "updateService",
      name,
      serviceId: have.id,
      version: have.version,
      spec,
    });
    changes.push({
      resource,
      action: "update",
      cause: `${fields.length === 1 ? "a field differs" : `${fields.length} fields differ`}; Swarm updates it in place`,
      fields,
      operations: [id],
    });
  }

  const wantedServiceNames = new Set(serviceKeys.map((k) => swarmServiceName(stack, k)));
  for (const have of [...observed.services].sort((a, b) => compareText(a.name, b.name))) {
    if (wantedServiceNames.has(have.name)) continue;
    const id = act({
      id: `service:${have.name}:remove`,
      kind: "removeService",
      name: have.name,
      serviceId: have.id,
    });
    changes.push({
      resource: `service ${unprefixed(stack, have.name)}`,
      action: "remove",
      cause: "no longer in the stack file",
      fields: [],
      operations: [id],
    });
  }
  for (const [kind, objects] of [
    ["secret", observed.secrets],
    ["config", observed.configs],
  ] as const) {
    for (const have of [...objects].sort((a, b) => compareText(a.name, b.name))) {
      if (fileObjects.wanted.has(have.name)) continue;
      const id = act({
        id: `${kind}:${have.name}:remove`,
        kind: "removeFileObject",
        name: have.name,
        objectKind: kind,
        objectId: have.id,
      });
      changes.push({
        resource: `${kind} ${unprefixed(stack, have.name)}`,
        action: "remove",
        cause: "no service uses this value any more",
        fields: [],
        operations: [id],
      });
    }
  }
  const wantedNetworkNames = new Set(wantedNetworks.map((n) => n.name));
  for (const have of [...observed.networks].sort((a, b) => compareText(a.name, b.name))) {
    if (wantedNetworkNames.has(have.name)) continue;
    const id = act({
      id: `network:${have.name}:remove`,
      kind: "removeNetwork",
      name: have.name,
      networkId: have.id,
    });
    changes.push({
      resource: `network ${unprefixed(stack, have.name)}`,
      action: "remove",
      cause: "no longer in the stack file",
      fields: [],
      operations: [id],
    });
  }

  return {
    plan: {
      formatVersion: PLAN_FORMAT_VERSION,
      stack,
      operations: [],
      changes,
      warnings: [...(input.warnings ?? []), ...swarmWarnings(desired)],
      fingerprint: swarmFingerprint(observed),
    },
    actions,
  };
}

/** The removal plan: every service, then every secret, config and network, of the stack on the Swarm. */
export function planSwarmDestroy(stack: string, observed: ObservedSwarm): SwarmPlan {
  return planSwarm({
    desired: {
      name: stack,
      workingDir: "",
      files: [],
      services: {},
      networks: {},
      volumes: {},
      secrets: {},
      configs: {},
    },
    extras: {},
    observed,
  });
}

/** Versions and ids of what the plan was made from: any change on the Swarm changes it. */
export function swarmFingerprint(observed: ObservedSwarm): string {
  return sha256Hex(
    canonicalJson({
      services: observed.services.map((s) => [s.name, s.id, s.version]).sort(),
      networks: observed.networks.map((n) => [n.name, n.id]).sort(),
      files: [...observed.secrets, ...observed.configs].map((o) => [o.name, o.id]).sort(),
    }),
  );
}

const unprefixed = (stack: string, name: string): string =>
  name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name;

function field(path: string, before: unknown, after: unknown, sensitive = false): FieldChange {
  return {
    path,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    sensitive,
    forcesReplace: false,
  };
}

function diffFields(before: SpecField[], after: SpecField[], sensitive: Set<string>): FieldChange[] {
  const was = new Map(before.map((f) => [f.path, f]));
  const now = new Map(after.map((f) => [f.path, f]));
  const paths = [...new Set([...was.keys(), ...now.keys()])].sort(compareText);
  const out: FieldChange[] = [];
  for (const path of paths) {
    const b = was.get(path);
    const a = now.get(path);
    if (b?.key === a?.key) continue;
    out.push(field(path, b?.value, a?.value, sensitive.has(path)));
  }
  return out;
}
