import { Labels } from "@stackform/schema/contract";
import type { StackSummary } from "../engine.js";
import type { EngineClient } from "./engine-client.js";
import type { WireContainerSummary, WireNetwork, WireVolume } from "./wire-types.js";

/**
 * Every stack on the engine, from labels alone: containers give counts and age, meta containers
 * give owner and expiry, and networks or volumes left behind still name a stack.
 */
export async function listStacks(client: EngineClient): Promise<StackSummary[]> {
  const [containers, metas, networks, volumes] = await Promise.all([
    client.json<WireContainerSummary[]>({
      what: "list containers",
      method: "GET",
      path: "/containers/json",
      query: { all: true, filters: { label: [Labels.stack] } },
    }),
    client.json<WireContainerSummary[]>({
      what: "list stack metadata",
      method: "GET",
      path: "/containers/json",
      query: { all: true, filters: { label: [Labels.meta] } },
    }),
    client.json<WireNetwork[]>({
      what: "list networks",
      method: "GET",
      path: "/networks",
      query: { filters: { label: [Labels.stack] } },
    }),
    client.json<{ Volumes: WireVolume[] | null }>({
      what: "list volumes",
      method: "GET",
      path: "/volumes",
      query: { filters: { label: [Labels.stack] } },
    }),
  ]);
  const stacks = new Map<string, StackSummary & { created?: number }>();
  const entry = (name: string) => {
    let summary = stacks.get(name);
    if (!summary) {
      summary = { name, containers: 0, running: 0 };
      stacks.set(name, summary);
    }
    return summary;
  };
  for (const c of containers) {
    const name = c.Labels?.[Labels.stack];
    if (!name) continue;
    const summary = entry(name);
    summary.containers++;
    if (c.State === "running") summary.running++;
    summary.created = Math.min(summary.created ?? c.Created, c.Created);
  }
  for (const m of metas) {
    const labels = m.Labels ?? {};
    const name = labels[Labels.meta];
    if (!name) continue;
    const summary = entry(name);
    if (labels[Labels.owner]) summary.owner = labels[Labels.owner];
    if (labels[Labels.expires]) summary.expiresAt = labels[Labels.expires];
    summary.created = Math.min(summary.created ?? m.Created, m.Created);
  }
  for (const labels of [...networks.map((n) => n.Labels), ...(volumes.Volumes ?? []).map((v) => v.Labels)]) {
    const name = labels?.[Labels.stack];
    if (name) entry(name);
  }
  return [...stacks.values()]
    .map(({ created, ...summary }) =>
      created === undefined ? summary : { ...summary, createdAt: new Date(created * 1000).toISOString() },
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}
