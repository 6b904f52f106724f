import type { SwarmNetworkSpec, SwarmServiceSpec } from "@stackform/schema";
import type { Plan } from "../model/plan.js";

/**
 * One step of a Swarm apply. Swarm reconciles tasks itself, so the steps are whole objects: the
 * services' specs and the overlay networks they attach to.
 */
export type SwarmAction =
  | { id: string; kind: "createNetwork"; name: string; spec: SwarmNetworkSpec }
  | { id: string; kind: "removeNetwork"; name: string; networkId: string }
  | { id: string; kind: "createService"; name: string; spec: SwarmServiceSpec }
  /** `version` is the index the service had when planned: a concurrent change makes the update fail. */
  | {
      id: string;
      kind: "updateService";
      name: string;
      serviceId: string;
      version: number;
      spec: SwarmServiceSpec;
    }
  | { id: string; kind: "removeService"; name: string; serviceId: string };

/**
 * A plan for the Swarm target. `plan` is the ordinary Plan (its `operations` stay empty: they are
 * the single-engine applier's) so it renders, summarises and prints as JSON the same way; `actions`
 * are what the Swarm apply runs, in order: networks, services, then removals.
 */
export interface SwarmPlan {
  plan: Plan;
  actions: SwarmAction[];
}
