import type { DesiredStack, Diagnostic } from "@stackform/schema/contract";

/**
 * What a Swarm cannot do that one engine can. Each is said in the plan, none is dropped silently:
 * the service is deployed without it and the warning says what that means. (`build:` is not here:
 * the apply builds and pushes the image, and swarmBuildErrors refuses an image no node could pull.)
 */
export function swarmWarnings(stack: DesiredStack): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (code: string, path: (string | number)[], message: string, hint: string) =>
    out.push({ severity: "warning", code, path, message, hint });
  for (const [key, service] of Object.entries(stack.services)) {
    for (const [dep, d] of Object.entries(service.dependsOn)) {
      if (d.condition !== "service_started") {
        warn(
          "swarm-depends-on",
          ["services", key, "depends_on", dep],
          `service ${key}: Swarm starts services in any order; depends_on ${dep} (${d.condition}) is not waited for`,
          "make the service retry until what it needs answers",
        );
      }
    }
    if (service.networkMode) {
      warn(
        "swarm-network-mode",
        ["services", key, "network_mode"],
        `service ${key}: Swarm services have no network_mode; ${service.networkMode.kind} is not applied`,
        "attach the service to the stack's overlay networks instead",
      );
    }
    if (service.mounts.some((m) => m.type === "volume" && m.source !== undefined)) {
      warn(
        "swarm-local-volume",
        ["services", key, "volumes"],
        `service ${key}: named volumes are local to each node; tasks on different nodes see different data`,
        "pin the service to one node with deploy.placement.constraints, or use a volume driver shared by the nodes",
      );
    }
    if (service.containerName) {
      warn(
        "swarm-container-name",
        ["services", key, "container_name"],
        `service ${key}: Swarm names tasks itself; container_name is not applied`,
        "remove container_name",
      );
    }
  }
  return out;
}
