import type { Diagnostic } from "@stackform/schema/contract";
import type { Operation } from "../model/operation.js";
import type { Change, ChangeAction, ChangeMember, FieldChange } from "../model/plan.js";
import { compareText, naturalCompare } from "../util/compare.js";

/** When one resource gets several changes, the strongest action names it. */
const ACTION_WEIGHT: Record<ChangeAction, number> = { keep: 0, update: 1, remove: 2, create: 3, replace: 4 };

interface ChangeDraft {
  resource: string;
  action: ChangeAction;
  causes: string[];
  fields: FieldChange[];
  members: Map<string, ChangeMember>;
}

const sameField = (a: FieldChange, b: FieldChange): boolean =>
  a.path === b.path && JSON.stringify([a.before, a.after]) === JSON.stringify([b.before, b.after]);

/**
 * Collects operations, their `after` edges and the changes they belong to, then hands out a
 * deterministic plan: operations in a topological order with ids breaking ties, changes in
 * natural resource order. Whatever order things were added in, the result is the same.
 */
export class PlanBuilder {
  private readonly ops = new Map<string, Operation>();
  private readonly drafts = new Map<string, ChangeDraft>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly edges = new Map<string, Set<string>>();

  /** Adds an operation; an id used twice is a broken planner rule. */
  add<O extends Operation>(op: O): O {
    if (this.ops.has(op.id))
      throw new Error(`the planner made two operations with id ${op.id}; this is a bug in Stackform`);
    this.ops.set(op.id, op);
    return op;
  }

  /** Adds a shared node (a wait several dependents need) once. */
  addOnce<O extends Operation>(op: O): Operation {
    return this.ops.get(op.id) ?? this.add(op);
  }

  has(id: string): boolean {
    return this.ops.has(id);
  }

  get(id: string): Operation | undefined {
    return this.ops.get(id);
  }

  /**
   * `id` runs after each of `deps`. Edges are resolved when the plan is handed out, so they may
   * name operations added later. `undefined` stands for "nothing to wait for" (an image already
   * present has no pull); an id that never joins the plan is a broken planner rule, not a
   * dependency to drop quietly.
   */
  after(id: string, ...deps: (string | undefined)[]): void {
    let set = this.edges.get(id);
    if (!set) {
      set = new Set();
      this.edges.set(id, set);
    }
    for (const dep of deps) if (dep !== undefined && dep !== id) set.add(dep);
  }

  /**
   * Records why a resource changes; several notes on one resource merge into one change. A
   * service's notes name the container (`member`) they are about: the replicas of one service
   * share one change, and identical field changes of several replicas show once.
   */
  note(
    resource: string,
    action: ChangeAction,
    cause: string,
    fields: FieldChange[] = [],
    member?: ChangeMember,
  ): void {
    let draft = this.drafts.get(resource);
    if (!draft) {
      draft = { resource, action, causes: [cause], fields: [], members: new Map() };
      this.drafts.set(resource, draft);
    } else if (ACTION_WEIGHT[action] > ACTION_WEIGHT[draft.action]) {
      draft.action = action;
      draft.causes = [cause, ...draft.causes.filter((c) => c !== cause)];
    } else if (!draft.causes.includes(cause)) {
      draft.causes.push(cause);
    }
    for (const field of fields) {
      if (!draft.fields.some((f) => sameField(f, field))) draft.fields.push(field);
    }
    if (member !== undefined) {
      const known = draft.members.get(member.name);
      if (!known || ACTION_WEIGHT[member.action] > ACTION_WEIGHT[known.action])
        draft.members.set(member.name, { ...member });
      else if (!known.cause.split("; ").includes(member.cause))
        known.cause = `${known.cause}; ${member.cause}`;
    }
  }

  warn(warning: Diagnostic): void {
    this.diagnostics.push(warning);
  }

  operations(): Operation[] {
    for (const [id, deps] of this.edges) {
      const op = this.ops.get(id);
      if (!op)
        throw new Error(`the planner ordered ${id}, which is not in the plan; this is a bug in Stackform`);
      const after = new Set(op.after);
      for (const dep of deps) {
        if (!this.ops.has(dep))
          throw new Error(
            `the planner ordered ${id} after ${dep}, which is not in the plan; this is a bug in Stackform`,
          );
        after.add(dep);
      }
      op.after = [...after];
    }
    this.edges.clear();
    return topologicalOrder([...this.ops.values()]);
  }

  changes(): Change[] {
    const opsByResource = new Map<string, string[]>();
    for (const op of this.ops.values()) {
      const list = opsByResource.get(op.resource) ?? [];
      list.push(op.id);
      opsByResource.set(op.resource, list);
    }
    return [...this.drafts.values()]
      .sort((a, b) => naturalCompare(a.resource, b.resource))
      .map((draft) => {
        const change: Change = {
          resource: draft.resource,
          action: draft.action,
          cause: draft.causes.join("; "),
          fields: draft.fields,
          operations: (opsByResource.get(draft.resource) ?? []).sort(compareText),
        };
        if (draft.members.size > 0)
          change.members = [...draft.members.values()].sort((a, b) => naturalCompare(a.name, b.name));
        return change;
      });
  }

  warnings(): Diagnostic[] {
    return [...this.diagnostics];
  }
}

/**
 * Depth-first topological order, visiting ids in sorted order so the result depends only on the
 * graph. O(n log n + e). A cycle is a broken planner rule, never user input (the loader rejects
 * dependency cycles), so it throws.
 */
export function topologicalOrder(operations: Operation[]): Operation[] {
  const byId = new Map(operations.map((op) => [op.id, op]));
  const ids = [...byId.keys()].sort(compareText);
  const state = new Map<string, 1 | 2>(); // 1: on the stack, 2: done
  const ordered: Operation[] = [];
  for (const root of ids) {
    if (state.has(root)) continue;
    // An explicit stack: 5,000-service plans are deeper than the call stack likes.
    const stack: { id: string; next: number; deps: string[] }[] = [];
    const push = (id: string) => {
      const op = byId.get(id)!;
      op.after.sort(compareText);
      state.set(id, 1);
      stack.push({ id, next: 0, deps: op.after });
    };
    push(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dep = top.deps[top.next++];
      if (dep === undefined) {
        state.set(top.id, 2);
        ordered.push(byId.get(top.id)!);
        stack.pop();
        continue;
      }
      const seen = state.get(dep);
      if (seen === 2) continue;
      if (seen === 1) {
        const cycle = [...stack.slice(stack.findIndex((s) => s.id === dep)).map((s) => s.id), dep];
        throw new Error(`the plan has an ordering cycle (${cycle.join(" → ")}); this is a bug in Stackform`);
      }
      if (!byId.has(dep))
        throw new Error(
          `operation ${top.id} waits for ${dep}, which is not in the plan; this is a bug in Stackform`,
        );
      push(dep);
    }
  }
  return ordered;
}
