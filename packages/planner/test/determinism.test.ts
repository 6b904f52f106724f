import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { changeContainer, desiredStack, observedFromDesired, seededShuffle } from "./builders.js";

const desired = desiredStack({
  services: {
    web: {
      replicas: 3,
      networks: { front: { aliases: ["www"] }, back: { aliases: [] } },
      dependsOn: { db: { condition: "service_healthy", restart: false, required: true } },
    },
    db: { image: "postgres:16", healthcheck: { test: ["CMD", "true"] }, networks: { back: { aliases: [] } } },
    worker: { image: "worker:1", replicas: 2, networks: { back: { aliases: [] } } },
  },
  networks: { front: {}, back: {} },
});

/** An observed state with something of every kind to do: drift, replace, orphans, scale. */
function messy(): ObservedState {
  const previous = desiredStack({
    services: {
      ...Object.fromEntries(Object.entries(desired.services).map(([k, { name: _, ...s }]) => [k, s])),
      old: { image: "old:1" },
    },
    networks: { front: {}, back: {}, legacy: {} },
  });
  let observed = observedFromDesired(previous);
  observed = changeContainer(observed, "app-web-2", (c) => ({ ...c, state: "exited", exitCode: 1 }));
  observed = changeContainer(observed, "app-db-1", (c) => ({ ...c, configHash: "v1:outdated" }));
  observed = changeContainer(observed, "app-worker-1", (c) => ({
    ...c,
    restart: { name: "always", maximumRetryCount: 0 },
  }));
  return observed;
}

const shuffled = (observed: ObservedState, seed: number): ObservedState => ({
  ...observed,
  containers: seededShuffle(observed.containers, seed).map((c) => ({
    ...c,
    networks: Object.fromEntries(seededShuffle(Object.entries(c.networks), seed + 1)),
  })),
  networks: seededShuffle(observed.networks, seed + 2),
  volumes: seededShuffle(observed.volumes, seed + 3),
  images: seededShuffle(observed.images, seed + 4),
});

describe("determinism", () => {
  it("gives the identical plan for any order of the observed lists", () => {
    const observed = messy();
    const reference = plan(desired, observed);
    expect(reference.operations.length).toBeGreaterThan(5);
    for (let seed = 1; seed <= 25; seed++) expect(plan(desired, shuffled(observed, seed))).toEqual(reference);
  });

  it("gives the identical plan twice for the same input", () => {
    expect(plan(desired, messy())).toEqual(plan(desired, messy()));
  });
});
