import type { Operation } from "@stackform/planner";

/** The plan's operations indexed for execution: by id, and who waits for whom. */
export interface PlanGraph {
  byId: Map<string, Operation>;
  /** `[before, after]` pairs, as p-graph takes them. */
  edges: [string, string][];
  /** Direct dependents of each operation. */
  dependents: Map<string, string[]>;
}

/**
 * Indexes the operations, refusing a malformed graph before anything runs: the planner
 * guarantees unique ids and known `after` targets, so a violation is a bug, not user error.
 */
export function planGraph(operations: readonly Operation[]): PlanGraph {
  const byId = new Map<string, Operation>();
  const dependents = new Map<string, string[]>();
  for (const op of operations) {
    if (byId.has(op.id))
      throw new Error(`the plan has two operations with id ${op.id}; this is a bug in Stackform`);
    byId.set(op.id, op);
    dependents.set(op.id, []);
  }
  const edges: [string, string][] = [];
  for (const op of operations) {
    for (const before of op.after) {
      const list = dependents.get(before);
      if (!list)
        throw new Error(
          `operation ${op.id} waits for ${before}, which is not in the plan; this is a bug in Stackform`,
        );
      list.push(op.id);
      edges.push([before, op.id]);
    }
  }
  return { byId, edges, dependents };
}

/** Every operation that waits, directly or not, for `id`; in discovery order. */
export function descendantsOf(graph: PlanGraph, id: string): string[] {
  const seen = new Set<string>();
  const queue = [...(graph.dependents.get(id) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(graph.dependents.get(next) ?? []));
  }
  return [...seen];
}
