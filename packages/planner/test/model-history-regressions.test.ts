import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { changeContainer, desiredStack, human, observedFromDesired } from "./builders.js";

/**
 * Shrunk counterexamples of the model-checked random histories (test/e2e/model-histories.test.ts),
 * each replayed here as the state the engine was left in, so the planner bug stays fixed without
 * an engine.
 */
describe("counterexamples of the random histories", () => {
  it("a container moved off the network it was created on (in place) is clean, field by field", () => {
    // Counterexample: [networks s0 ["back"]] from networks [default]. The apply connected `back`
    // and disconnected `default` in place; the engine still says HostConfig.NetworkMode
    // "app_default", which the full comparison took for a network_mode change to replace.
    const stack = desiredStack({
      services: { web: { networks: { back: { aliases: [] } } } },
      networks: { back: {} },
    });
    const observed = changeContainer(observedFromDesired(stack), "app-web-1", (c) => ({
      ...c,
      config: { ...c.config, networkMode: "app_default" },
    }));
    const p = plan(stack, observed, { trustConfigHash: false });
    expect(human(p)).not.toContain("network_mode");
    expect(p.changes).toEqual([]);
  });

  it("a real network_mode change is still a replacement", () => {
    const stack = desiredStack({
      services: { web: { networks: { back: { aliases: [] } } } },
      networks: { back: {} },
    });
    const observed = changeContainer(observedFromDesired(stack), "app-web-1", (c) => ({
      ...c,
      config: { ...c.config, networkMode: "host" },
    }));
    expect(human(plan(stack, observed, { trustConfigHash: false }))).toContain(
      '~ network_mode: "host" → "app_back" (forces new container)',
    );
  });
});
