import { type ContainerSpec, type DesiredService, Labels } from "@stackform/schema/contract";
import { configHash } from "../hash/config-hash.js";
import { buildContainerSpec } from "../spec/container-spec.js";
import { containerName } from "../spec/names.js";
import { sensitiveEnvKeys } from "../spec/sensitive-keys.js";
import type { PlanContext } from "./plan-context.js";

/** One desired container: replica `number` of a service, its spec with its hash label. */
export interface Slot {
  service: DesiredService;
  number: number;
  name: string;
  /** `service web`: the replicas of a service share one change. */
  resource: string;
  spec: ContainerSpec;
  hash: string;
  sensitiveEnv: string[];
}

export const serviceResource = (service: string): string => `service ${service}`;

export function makeSlot(ctx: PlanContext, service: DesiredService, number: number): Slot {
  const spec = buildContainerSpec(ctx.desired, service, number, ctx.options.stackformVersion);
  const sensitiveEnv = sensitiveEnvKeys(service);
  const hash = configHash(spec, sensitiveEnv);
  spec.labels[Labels.configHash] = hash;
  const name = containerName(ctx.desired.name, service, number);
  const resource = serviceResource(service.name);
  return { service, number, name, resource, spec, hash, sensitiveEnv };
}
