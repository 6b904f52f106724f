import type {
  DesiredStack,
  Diagnostic,
  ObservedSwarm,
  SwarmServiceExtras,
  SwarmServiceSpec,
} from "@stackform/schema/contract";
import { canonicalJson } from "../hash/canonical-json.js";
import { sha256Hex } from "../hash/sha256.js";
import { type Change, type FieldChange, PLAN_FORMAT_VERSION } from "../model/plan.js";
import { compareText } from "../util/compare.js";
import { SwarmFileObjects } from "./file-objects.js";
import { buildSwarmNetworkSpec, swarmNetworkFieldChanges } from "./network-spec.js";
import { type ReplacedNetwork, replaceNetworks } from "./replace-networks.js";
import { buildSwarmServiceSpec, swarmServiceName } from "./service-spec.js";
import { type SpecField, specFields } from "./spec-fields.js";
import { DIGEST_AFTER_PUSH, SwarmBuilds } from "./swarm-builds.js";
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
  /**
   * The digest of each `build:` service's build context, by service key: read by the caller (see
   * SwarmBuilds). A missing one counts as changed.
   */
  contextDigests?: Record<string, string>;
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

  // First, so that a failing build changes nothing on the Swarm.
  const builds = new SwarmBuilds(desired, observed, input.contextDigests ?? {});
  for (const build of [...builds.wanted.values()].sort((a, b) => compareText(a.ref, b.ref))) {
    const id = act({
      id: `image:${build.ref}:build`,
      kind: "buildImage",
      name: build.ref,
      build: build.build,
      contextDigest: build.contextDigest,
    });
    changes.push({
      resource: `image ${build.ref}`,
      action: build.previous ? "update" : "create",
      cause: build.previous
        ? "its build context changed; built on the manager and pushed, the services roll to the new digest"
        : "built on the manager from its build context and pushed; the services run it by digest",
      fields: [
        ...(build.previous ? [] : [field("build.context", undefined, build.build.context)]),
        field("digest", build.previous, DIGEST_AFTER_PUSH),
      ],
      operations: [id],
    });
  }

  const networkNames = new Map<string, string>();
  for (const n of observed.networks) {
    networkNames.set(n.id, n.name);
    networkNames.set(n.name, n.name);
  }
  const wantedNetworks = Object.values(desired.networks)
    .filter((n) => !n.external)
    .sort((a, b) => compareText(a.name, b.name));
  const haveNetwork = new Map(observed.networks.map((n) => [n.name, n]));
  const replacedNetworks: ReplacedNetwork[] = [];
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
        fields: [
          field("driver", undefined, spec.Driver),
          ...(spec.EnableIPv6 ? [field("enable_ipv6", undefined, true)] : []),
        ],
        operations: [id],
      });
      continue;
    }
    const fields = swarmNetworkFieldChanges(have, spec);
    if (fields.length === 0) {
      changes.push({ resource, action: "keep", cause: "matches", fields: [], operations: [] });
      continue;
    }
    const change: Change = {
      resource,
      action: "replace",
      cause: `${fields.map((f) => f.path).join(", ")} changed; a network's options are fixed at creation, so it is recreated and the services on it re-attached`,
      fields,
      operations: [],
    };
    changes.push(change);
    replacedNetworks.push({ have, spec, change });
  }
  const wantedServiceNames = new Set(Object.keys(desired.services).map((k) => swarmServiceName(stack, k)));
  const { detached, removedEarly } = replaceNetworks(replacedNetworks, observed, wantedServiceNames, act);

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
    const pinned = builds.pin(key, service, spec);
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
        fields: withBuiltImage(
          specFields(spec).map((f) => field(f.path, undefined, f.value, sensitive.has(f.path))),
          pinned,
          undefined,
          spec,
        ),
        operations: [id],
      });
      continue;
    }
    const fields = withBuiltImage(
      diffFields(
        specFields(have.spec, (n) => networkNames.get(n) ?? n),
        specFields(spec, (n) => networkNames.get(n) ?? n),
        sensitive,
      ),
      pinned,
      have.spec,
      spec,
    );
    const detach = detached.get(name);
    if (fields.length === 0 && !detach) {
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
    const causes = [
      ...(fields.length > 0
        ? [
            `${fields.length === 1 ? "a field differs" : `${fields.length} fields differ`}; Swarm updates it in place`,
          ]
        : []),
      ...(detach
        ? [`it leaves network ${detach.networks.join(", ")} while that is recreated, then re-joins it`]
        : []),
    ];
    changes.push({
      resource,
      action: "update",
      cause: causes.join("; "),
      fields,
      operations: detach ? [detach.id, id] : [id],
    });
  }

  for (const have of [...observed.services].sort((a, b) => compareText(a.name, b.name))) {
    if (wantedServiceNames.has(have.name)) continue;
    const id =
      removedEarly.get(have.name) ??
      act({
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

/**
 * A built service's image compared in full: specFields leaves digests out (a deploy that resolved a
 * tag to its digest still matches the tag), but for a built image the digest is the change.
 */
function withBuiltImage(
  fields: FieldChange[],
  pinned: "kept" | "built" | undefined,
  before: SwarmServiceSpec | undefined,
  after: SwarmServiceSpec,
): FieldChange[] {
  if (!pinned) return fields;
  const was = before?.TaskTemplate.ContainerSpec.Image;
  const now =
    pinned === "built"
      ? `${after.TaskTemplate.ContainerSpec.Image}@${DIGEST_AFTER_PUSH}`
      : after.TaskTemplate.ContainerSpec.Image;
  const rest = fields.filter((f) => f.path !== "image");
  if (was === now) return rest;
  return [field("image", was, now), ...rest].sort((a, b) => compareText(a.path, b.path));
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
