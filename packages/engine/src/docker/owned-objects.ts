import { Labels } from "@stackform/schema/contract";
import type { EngineClient } from "./engine-client.js";
import type { WireContainerSummary, WireNetwork, WireVolume } from "./wire-types.js";

/**
 * The stack's objects are those labelled `dev.stackform.stack=<stack>`, and, so that a running
 * Compose project can be adopted as it is, those Compose labelled `com.docker.compose.project=
 * <stack>`. The engine ANDs label filters, so each kind takes two lists, merged (Stackform labels
 * its own containers with both).
 */
const filtersFor = (stack: string) => [
  { label: [`${Labels.stack}=${stack}`] },
  { label: [`${Labels.composeProject}=${stack}`] },
];

export async function listOwnedContainers(
  client: EngineClient,
  stack: string,
): Promise<WireContainerSummary[]> {
  const lists = await Promise.all(
    filtersFor(stack).map((filters) =>
      client.json<WireContainerSummary[]>({
        what: "list containers",
        method: "GET",
        path: "/containers/json",
        query: { all: true, filters },
      }),
    ),
  );
  return unique(lists.flat(), (c) => c.Id);
}

export async function listOwnedNetworks(client: EngineClient, stack: string): Promise<WireNetwork[]> {
  const lists = await Promise.all(
    filtersFor(stack).map((filters) =>
      client.json<WireNetwork[]>({
        what: "list networks",
        method: "GET",
        path: "/networks",
        query: { filters },
      }),
    ),
  );
  return unique(lists.flat(), (n) => n.Id);
}

export async function listOwnedVolumes(client: EngineClient, stack: string): Promise<WireVolume[]> {
  const lists = await Promise.all(
    filtersFor(stack).map((filters) =>
      client.json<{ Volumes: WireVolume[] | null }>({
        what: "list volumes",
        method: "GET",
        path: "/volumes",
        query: { filters },
      }),
    ),
  );
  return unique(
    lists.flatMap((l) => l.Volumes ?? []),
    (v) => v.Name,
  );
}

/** The stack that owns an object by its labels: Stackform's, else the Compose project's. */
export const owningStack = (labels: Record<string, string>): string | undefined =>
  labels[Labels.stack] ?? labels[Labels.composeProject];

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
