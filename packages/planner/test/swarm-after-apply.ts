import { Labels, type ObservedSwarm, type SwarmNetworkSpec } from "@stackform/schema";
import type { SwarmPlan } from "../src/swarm/swarm-plan.js";

export const EMPTY_SWARM: ObservedSwarm = { services: [], networks: [], secrets: [], configs: [] };

/**
 * A network as a Swarm manager reports it after creating it from `spec` (seen on the rig): the
 * overlay driver adds its VXLAN id option, and IPAM is filled with the default driver, a subnet
 * it picked when none was given, and a gateway.
 */
export function reportedNetwork(id: string, spec: SwarmNetworkSpec, vxlan: number) {
  const pools = spec.IPAM?.Config.length ? spec.IPAM.Config : [{ Subnet: `10.0.${vxlan - 4096}.0/24` }];
  return {
    id,
    name: spec.Name,
    driver: spec.Driver,
    labels: { ...spec.Labels },
    options: { "com.docker.network.driver.overlay.vxlanid_list": String(vxlan), ...spec.Options },
    internal: spec.Internal ?? false,
    attachable: spec.Attachable ?? false,
    enableIpv6: spec.EnableIPv6 ?? false,
    ipam: {
      Driver: spec.IPAM?.Driver ?? "default",
      Config: pools.map((p) => ({ ...p, Gateway: p.Gateway ?? p.Subnet?.replace(/0\/24$/, "1") })),
      Options: spec.IPAM?.Options ?? {},
    },
  };
}

/**
 * What the Swarm holds after applying `plan` from nothing: the specs as sent, with what Swarm adds
 * itself (network ids for names, object ids, update_config defaults). With `pushed`, each built
 * image was pushed and reported that digest, and its services run it.
 */
export function swarmAfterApply(plan: SwarmPlan, pushed?: { ref: string; digest: string }): ObservedSwarm {
  const observed: ObservedSwarm = { services: [], networks: [], secrets: [], configs: [] };
  let vxlan = 4097;
  for (const a of plan.actions) {
    if (a.kind === "createNetwork") observed.networks.push(reportedNetwork(`id-${a.name}`, a.spec, vxlan++));
    if (a.kind === "createFileObject")
      observed[`${a.objectKind}s`].push({ id: `id-${a.name}`, name: a.name });
    if (a.kind !== "createService" && a.kind !== "updateService") continue;
    const spec = structuredClone(a.spec);
    for (const r of spec.TaskTemplate.ContainerSpec.Secrets ?? []) r.SecretID ||= `id-${r.SecretName}`;
    for (const r of spec.TaskTemplate.ContainerSpec.Configs ?? []) r.ConfigID ||= `id-${r.ConfigName}`;
    if (spec.UpdateConfig)
      spec.UpdateConfig = { FailureAction: "pause", MaxFailureRatio: 0, ...spec.UpdateConfig };
    if (pushed && spec.Labels[Labels.buildDigest] !== undefined) {
      spec.TaskTemplate.ContainerSpec.Image = `${pushed.ref}@${pushed.digest}`;
      spec.Labels[Labels.buildDigest] = pushed.digest;
    }
    spec.TaskTemplate.Networks = spec.TaskTemplate.Networks?.map((n) => ({ ...n, Target: `id-${n.Target}` }));
    observed.services.push({ id: `id-${a.name}`, name: a.name, version: 10, spec });
  }
  return observed;
}
