import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import type { DesiredService } from "../model/desired-stack.js";
import { containerReferences } from "../model/service-references.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";

type Path = (string | number)[];

function dependencyPath(name: string, raw: ServiceInput | undefined, target: string): Path {
  const dependsOn = raw?.depends_on;
  if (Array.isArray(dependsOn)) return ["services", name, "depends_on", dependsOn.indexOf(target)];
  return ["services", name, "depends_on", target];
}

/** What a service waits for: its `depends_on` targets and the services whose containers it names. */
function edges(service: DesiredService): string[] {
  const targets = Object.keys(service.dependsOn);
  for (const ref of containerReferences(service)) targets.push(ref.service);
  return [...new Set(targets)];
}

/**
 * References between services: unknown or inactive `depends_on` targets and `network_mode:
 * service:x`, then cycles, each named once ("web → app → web"). Drops optional dependencies on
 * services whose profile is not active, as Compose does. Services that failed validation are in
 * neither `services` nor `inactive`, so references to them are not reported a second time.
 */
export function checkServiceReferences(
  services: Record<string, DesiredService>,
  declared: Record<string, ServiceInput>,
  inactive: ReadonlySet<string>,
  sink: DiagnosticSink,
): void {
  const names = Object.keys(declared);
  for (const [name, service] of Object.entries(services)) {
    for (const target of Object.keys(service.dependsOn)) {
      const path = dependencyPath(name, declared[name], target);
      if (!(target in declared)) {
        const suggestion = didYouMean(target, names);
        sink.error({
          code: "unknown-dependency",
          message: `services.${name} depends on \`${target}\`, which is not a service in this stack`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : `services here: ${names.join(", ")}`,
          path,
          anchor: "key",
        });
      } else if (inactive.has(target)) {
        if (service.dependsOn[target]?.required === false) {
          delete service.dependsOn[target];
          continue;
        }
        const profiles = declared[target]?.profiles ?? [];
        sink.error({
          code: "inactive-dependency",
          message: `services.${name} depends on \`${target}\`, which only runs with the profile ${profiles.join(" or ")}`,
          hint: `activate it (--profile ${profiles[0] ?? ""} or COMPOSE_PROFILES), or mark the dependency required: false`,
          path,
          anchor: "key",
        });
      }
    }
    const linked = service.links?.length
      ? "links"
      : service.externalLinks?.length
        ? "external_links"
        : undefined;
    if (service.networkMode && linked) {
      sink.error({
        code: "links-with-network-mode",
        message: `services.${name} sets ${linked} but uses network_mode ${service.networkMode.kind}`,
        hint: "links are aliases on the stack's networks; remove network_mode or the links",
        path: ["services", name, linked],
        anchor: "key",
      });
    }
    for (const ref of containerReferences(service)) {
      const tmpfs = services[ref.service]?.mounts.find((m) => m.type === "tmpfs");
      if (ref.key === "volumes_from" && tmpfs) {
        // dockerd 20.10 fails the create with "get : no such volume" (it looks the tmpfs up as a volume).
        sink.error({
          code: "volumes-from-tmpfs",
          message: `services.${name} takes the volumes of \`${ref.service}\`, which has a tmpfs mount at ${tmpfs.target}; the engine cannot share those`,
          hint: `mount a named volume in both services instead, or move the tmpfs out of \`${ref.service}\``,
          path: ["services", name, ...ref.path],
        });
      }
      if (ref.service in declared && !inactive.has(ref.service)) continue;
      const known = ref.service in declared;
      const suggestion = didYouMean(ref.service, names);
      const plain = ref.key === "volumes_from" || ref.key === "links";
      const written = plain ? ref.service : `service:${ref.service}`;
      sink.error({
        code: "unknown-service",
        message: known
          ? ref.key === "network_mode"
            ? `services.${name} shares the network of \`${ref.service}\`, whose profile is not active`
            : `services.${name} uses ${ref.key} ${written}, whose profile is not active`
          : `services.${name} uses ${ref.key} ${written}, but there is no service \`${ref.service}\``,
        hint: known
          ? "activate that service's profile"
          : suggestion
            ? `did you mean \`${plain ? suggestion : `service:${suggestion}`}\`?`
            : `services here: ${names.join(", ")}`,
        path: ["services", name, ...ref.path],
      });
    }
  }
  reportCycles(services, sink);
}

function reportCycles(services: Record<string, DesiredService>, sink: DiagnosticSink): void {
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (name: string): void => {
    state.set(name, "visiting");
    stack.push(name);
    const service = services[name];
    for (const next of service ? edges(service) : []) {
      if (!(next in services)) continue;
      if (state.get(next) === "visiting") {
        const cycle = stack.slice(stack.indexOf(next));
        // The same cycle found from another start is reported once.
        const rotation = cycle.indexOf([...cycle].sort()[0] as string);
        const canonical = [...cycle.slice(rotation), ...cycle.slice(0, rotation)];
        const key = canonical.join("\u0000");
        if (reported.has(key)) continue;
        reported.add(key);
        const first = canonical[0] as string;
        const second = canonical[1] ?? first;
        const firstService = services[first];
        const via =
          firstService && !(second in firstService.dependsOn)
            ? containerReferences(firstService).find((ref) => ref.service === second)
            : undefined;
        sink.error({
          code: "dependency-cycle",
          message: `dependency cycle: ${[...canonical, first].join(" → ")}`,
          hint: "services cannot wait for each other in a circle; remove one of these depends_on (or network_mode, pid, ipc, volumes_from, links) references",
          path: via ? ["services", first, ...via.path] : ["services", first, "depends_on"],
          anchor: "key",
        });
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of Object.keys(services).sort()) if (!state.has(name)) visit(name);
}
