import type { Dependency, ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import {
  afterOf,
  changeContainer,
  desiredStack,
  human,
  ids,
  observedFromDesired,
  runsAfter,
} from "./builders.js";

const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };
const on = (condition: Dependency["condition"]): Dependency => ({
  condition,
  restart: false,
  required: true,
});
const healthcheck = { test: ["CMD", "pg_isready"], interval: 1e9 };

describe("depends_on", () => {
  it("service_healthy: waits for every target container to be healthy before starting", () => {
    const desired = desiredStack({
      services: {
        web: { dependsOn: { db: on("service_healthy") } },
        db: { image: "postgres:16", healthcheck, replicas: 2 },
      },
    });
    const p = plan(desired, empty);
    expect(afterOf(p, "wait:app-db-1:healthy")).toEqual(["start:app-db-1"]);
    expect(afterOf(p, "start:app-web-1")).toEqual([
      "create:app-web-1",
      "wait:app-db-1:healthy",
      "wait:app-db-2:healthy",
    ]);
  });

  it("service_completed_successfully: waits for exit 0; a one-shot that exited 0 is not rerun", () => {
    const desired = desiredStack({
      services: {
        web: { dependsOn: { migrate: on("service_completed_successfully") } },
        migrate: { image: "app:1", command: ["migrate"] },
      },
    });
    const p = plan(desired, empty);
    expect(afterOf(p, "wait:app-migrate-1:exited0")).toEqual(["start:app-migrate-1"]);
    expect(afterOf(p, "start:app-web-1")).toContain("wait:app-migrate-1:exited0");

    const done = changeContainer(observedFromDesired(desired), "app-migrate-1", (c) => ({
      ...c,
      state: "exited",
      exitCode: 0,
    }));
    expect(plan(desired, done).operations).toEqual([]);
    const failed = changeContainer(done, "app-migrate-1", (c) => ({ ...c, exitCode: 1 }));
    expect(ids(plan(desired, failed))).toEqual(["start:app-migrate-1"]);
  });

  it("service_started: starts after the target's start when both start", () => {
    const desired = desiredStack({
      services: { web: { dependsOn: { db: on("service_started") } }, db: { image: "postgres:16" } },
    });
    const p = plan(desired, empty);
    expect(afterOf(p, "start:app-web-1")).toEqual(["create:app-web-1", "start:app-db-1"]);
    expect(ids(p).some((id) => id.startsWith("wait:"))).toBe(false);
  });

  it("service_started: waits for the target to run when only the dependent starts", () => {
    const desired = desiredStack({
      services: { web: { dependsOn: { db: on("service_started") } }, db: { image: "postgres:16" } },
    });
    const observed = changeContainer(observedFromDesired(desired), "app-web-1", (c) => ({
      ...c,
      state: "exited",
      exitCode: 1,
    }));
    const p = plan(desired, observed);
    expect(ids(p)).toEqual(["wait:app-db-1:running", "start:app-web-1"]);
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # stopped outside Stackform
      ~ state: "exited" → "running"

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
  });

  it("adds no waits when the dependent is not started by the plan", () => {
    const desired = desiredStack({
      services: {
        web: { dependsOn: { db: on("service_healthy") } },
        db: { image: "postgres:16", healthcheck },
      },
    });
    const observed = changeContainer(observedFromDesired(desired), "app-db-1", (c) => ({
      ...c,
      state: "exited",
      exitCode: 1,
    }));
    expect(ids(plan(desired, observed))).toEqual(["start:app-db-1"]);
  });

  it("waitAll: waits for each started container, healthy with a healthcheck, else running", () => {
    const desired = desiredStack({
      services: {
        web: { dependsOn: { db: on("service_healthy"), migrate: on("service_completed_successfully") } },
        db: { image: "postgres:16", healthcheck },
        migrate: { image: "app:1" },
      },
    });
    const p = plan(desired, empty, { waitAll: true });
    expect(ids(p).filter((id) => id.startsWith("wait:"))).toEqual([
      "wait:app-db-1:healthy",
      "wait:app-migrate-1:exited0",
      "wait:app-web-1:running",
    ]);
    expect(afterOf(p, "wait:app-web-1:running")).toEqual(["start:app-web-1"]);
    expect(plan(desired, observedFromDesired(desired), { waitAll: true }).operations).toEqual([]);
  });

  it("throws, calling it a bug, on a dependency cycle the loader should have refused", () => {
    const cyclic = desiredStack({
      services: {
        a: { dependsOn: { b: on("service_started") } },
        b: { dependsOn: { a: on("service_started") } },
      },
    });
    expect(() => plan(cyclic, empty)).toThrow(/cycle \(a → b → a\).*this is a bug/);
  });

  it("network_mode service: starts after the namespace's container", () => {
    const desired = desiredStack({
      services: {
        vpn: { image: "vpn:1" },
        app: { image: "app:1", networkMode: { kind: "service", service: "vpn" } },
      },
    });
    const p = plan(desired, empty);
    const create = p.operations.find((o) => o.id === "create:app-app-1");
    expect(create?.kind === "createContainer" && [create.spec.networkMode, create.spec.networks]).toEqual([
      "container:app-vpn-1",
      [],
    ]);
    expect(runsAfter(p, "start:app-app-1", "start:app-vpn-1")).toBe(true);
  });
});
