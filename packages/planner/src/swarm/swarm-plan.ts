import type {
  BuildSpec,
  SwarmFileObjectSpec,
  SwarmNetworkSpec,
  SwarmServiceSpec,
} from "@stackform/schema/contract";
import type { Plan } from "../model/plan.js";

/**
 * One step of a Swarm apply. Swarm reconciles tasks itself, so the steps are whole objects: the
 * services' specs, the overlay networks they attach to, and the secrets and configs they mount.
 */
export type SwarmAction =
  /**
   * Builds image `name` on the manager and pushes it; the services created or updated after it in
   * the same apply run `name@<the digest the push reported>`.
   */
  | { id: string; kind: "buildImage"; name: string; build: BuildSpec; contextDigest: string }
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
  /**
   * The service's observed spec without `networks`, which are being recreated: Swarm removes no
   * network a service names. Its `updateService` that follows re-joins them under the version this
   * update leaves.
   */
  | {
      id: string;
      kind: "detachService";
      name: string;
      serviceId: string;
      version: number;
      networks: string[];
      spec: SwarmServiceSpec;
    }
  | { id: string; kind: "removeService"; name: string; serviceId: string }
  /** Secrets and configs are immutable: created under a name that carries their value's digest. */
  | {
      id: string;
      kind: "createFileObject";
      name: string;
      objectKind: "secret" | "config";
      spec: SwarmFileObjectSpec;
    }
  | { id: string; kind: "removeFileObject"; name: string; objectKind: "secret" | "config"; objectId: string };

/**
 * A plan for the Swarm target. `plan` is the ordinary Plan (its `operations` stay empty: they are
 * the single-engine applier's) so it renders, summarises and prints as JSON the same way; `actions`
 * are what the Swarm apply runs, in order: networks (services leave a replaced one first), secrets
 * and configs, services, then removals.
 */
export interface SwarmPlan {
  plan: Plan;
  actions: SwarmAction[];
}
