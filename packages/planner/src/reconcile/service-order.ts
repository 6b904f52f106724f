import { containerReferences, type DesiredService, type DesiredStack } from "@stackform/schema/contract";
import { compareText } from "../util/compare.js";

/**
 * The services a service must wait for: its `depends_on` targets and the services whose first
 * container it names (`network_mode`, `pid`, `ipc` `service:x`, `volumes_from`).
 */
export function serviceDependencies(desired: DesiredStack, service: DesiredService): string[] {
  const targets = new Set(Object.keys(service.dependsOn).filter((t) => t in desired.services));
  for (const ref of containerReferences(service))
    if (ref.service in desired.services) targets.add(ref.service);
  return [...targets].sort(compareText);
}

/**
 * Services with every dependency before its dependents, names breaking ties. The loader reports
 * cycles as diagnostics, so one here is a broken rule and throws.
 */
export function serviceOrder(desired: DesiredStack): DesiredService[] {
  const state = new Map<string, 1 | 2>();
  const ordered: DesiredService[] = [];
  const visit = (name: string, path: string[]): void => {
    const seen = state.get(name);
    if (seen === 2) return;
    if (seen === 1) {
      const cycle = [...path.slice(path.indexOf(name)), name].join(" → ");
      throw new Error(
        `services depend on each other in a cycle (${cycle}); the loader should have refused it; this is a bug in Stackform`,
      );
    }
    const service = desired.services[name]!;
    state.set(name, 1);
    for (const target of serviceDependencies(desired, service)) visit(target, [...path, name]);
    state.set(name, 2);
    ordered.push(service);
  };
  for (const name of Object.keys(desired.services).sort(compareText)) visit(name, []);
  return ordered;
}
