import type { LiveConfig } from "@stackform/schema/contract";
import { compareContainer } from "../compare/compare-container.js";
import type { FieldChange } from "../model/plan.js";
import { ENDPOINT_FIELDS, endpointSettings } from "../spec/endpoint-options.js";
import { RESOURCE_FIELDS, restartText } from "./format-values.js";
import type { PlanContext } from "./plan-context.js";
import type { Slot } from "./slot.js";

/** A container that does not exist and whose image gives it nothing: every set field shows. */
const NOTHING: LiveConfig = {
  env: {},
  user: "",
  workingDir: "",
  hostname: "",
  tty: false,
  stdinOpen: false,
  exposedPorts: [],
  portBindings: [],
  mounts: [],
  networkMode: "",
  privileged: false,
  readOnly: false,
  capAdd: [],
  capDrop: [],
  dns: [],
  extraHosts: [],
  image: { env: {}, user: "", workingDir: "", labels: {}, volumes: [], exposedPorts: [] },
};

const created = (path: string, after: unknown): FieldChange => ({
  path,
  after,
  sensitive: false,
  forcesReplace: false,
});

/**
 * Every attribute a new container will have, as Terraform lists a resource to create: the same
 * comparison as for a live container, against one that has nothing, so the two can never
 * disagree about which fields exist.
 */
export function describeCreate(ctx: PlanContext, slot: Slot): FieldChange[] {
  const fields = compareContainer(slot.spec, NOTHING, {
    containerId: "",
    image: "",
    labels: {},
    sensitiveEnv: new Set(slot.sensitiveEnv),
    namedVolumes: ctx.stackVolumes,
    containerNames: ctx.containerNames,
  })
    // Attached to networks, the mode only names the first of them: `networks` says it all.
    .filter((f) => !(f.path === "network_mode" && slot.spec.networks.length > 0))
    .map((f) => ({ ...f, forcesReplace: false }));
  for (const attachment of slot.spec.networks) {
    const key =
      Object.values(ctx.desired.networks).find((n) => n.name === attachment.network)?.key ??
      attachment.network;
    const extra = attachment.aliases.filter((a) => a !== slot.service.name);
    const settings = endpointSettings(attachment);
    const shown: Record<string, unknown> = extra.length > 0 ? { aliases: extra } : {};
    for (const { key: setting, compose } of ENDPOINT_FIELDS) {
      if (settings[setting] !== undefined) shown[compose] = settings[setting];
    }
    const plain = Object.keys(shown).length === 0;
    // The implicit default network is Compose's habit, not something the file said.
    if (key === "default" && plain) continue;
    fields.push(created(`networks.${key}`, plain ? "connected" : shown));
  }
  if (slot.spec.restart.name !== "no") fields.push(created("restart", restartText(slot.spec.restart)));
  for (const { key, path, show } of RESOURCE_FIELDS) {
    const value = slot.spec.resources[key];
    if (value !== undefined && value > 0) fields.push(created(path, show(value)));
  }
  if (slot.service.replicas > 1) fields.push(created("replicas", slot.service.replicas));
  return fields;
}
