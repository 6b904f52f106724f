import { describe, expect, it } from "vitest";
import { changeContainer, desiredStack, observedFromDesired, withoutContainer } from "../../test/builders.js";
import { plan } from "../plan.js";
import { planSwarm } from "../swarm/plan-swarm.js";
import { readSavedPlan, SavedPlanError, savedPlanFile, savedSwarmPlanFile, staleness } from "./saved-plan.js";

const desired = desiredStack({
  services: { web: { environment: { API_TOKEN: "tok-123" } }, db: { image: "postgres:16" } },
});
const observed = observedFromDesired(desired);
const stopped = changeContainer(observed, "app-db-1", (c) => ({ ...c, state: "exited", exitCode: 0 }));

describe("saved plans", () => {
  it("round-trip the plan and the desired stack, and say they contain secrets", () => {
    const p = plan(desired, stopped);
    const text = savedPlanFile(p, desired, stopped);
    expect(JSON.parse(text)).toMatchObject({
      format_version: 1,
      kind: "stackform-plan",
      contains_secrets: true,
    });
    const saved = readSavedPlan(text);
    expect(saved.plan).toEqual(p);
    expect(saved.desired).toEqual(desired);
    expect(staleness(saved, stopped)).toEqual([]);
  });

  it("round-trip a Swarm plan with its actions, marked as one", () => {
    const swarmPlan = planSwarm({
      desired,
      extras: {},
      observed: { services: [], networks: [], secrets: [], configs: [] },
    });
    const saved = readSavedPlan(savedSwarmPlanFile(swarmPlan, desired));
    expect(saved.target).toBe("swarm");
    expect(saved.swarmActions).toEqual(swarmPlan.actions);
    expect(saved.swarmActions?.map((a) => a.kind)).toContain("createService");
    expect(readSavedPlan(savedPlanFile(plan(desired, stopped), desired, stopped)).target).toBe("containers");
    const broken = JSON.parse(savedSwarmPlanFile(swarmPlan, desired));
    delete broken.swarm_actions;
    expect(() => readSavedPlan(JSON.stringify(broken))).toThrow(/no actions/);
  });

  it("name what changed on the engine since", () => {
    const saved = readSavedPlan(savedPlanFile(plan(desired, stopped), desired, stopped));
    const now = withoutContainer(
      changeContainer(stopped, "app-db-1", (c) => ({ ...c, state: "running" })),
      "app-web-1",
    );
    expect(staleness(saved, now)).toEqual([
      "container app-db-1 changed: state exited → running",
      "container app-web-1 is gone",
    ]);
  });

  it("do not depend on the order the engine listed things in", () => {
    const saved = readSavedPlan(savedPlanFile(plan(desired, observed), desired, observed));
    expect(staleness(saved, { ...observed, containers: [...observed.containers].reverse() })).toEqual([]);
  });

  it("refuse other format versions and files that are not plans", () => {
    const text = savedPlanFile(plan(desired, observed), desired, observed);
    expect(() => readSavedPlan(text.replace('"format_version": 1', '"format_version": 2'))).toThrow(
      /format version 2; this Stackform reads version 1/,
    );
    expect(() => readSavedPlan("{}")).toThrow(SavedPlanError);
    expect(() => readSavedPlan("not json")).toThrow(/not valid JSON/);
  });
});
