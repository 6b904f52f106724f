import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Engine } from "@stackform/engine";
import { loadStack, type ObservedState } from "@stackform/schema";
import { afterEach, describe, expect, it, vi } from "vitest";
import { observeAndPlan } from "./make-plan.js";

// A version no default could match: the label must come from the CLI, not from the planner.
vi.mock("./version.js", () => ({ VERSION: "9.8.7-test" }));

describe("observeAndPlan", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("labels the containers it creates with the CLI's version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "stackform-make-plan-"));
    dirs.push(dir);
    writeFileSync(join(dir, "stack.yaml"), "name: labelled\nservices:\n  app:\n    image: busybox:1\n");
    const { stack } = await loadStack({ cwd: dir, env: {} });
    if (!stack) throw new Error("the test stack did not load");
    const empty: ObservedState = { stack: "labelled", containers: [], networks: [], volumes: [], images: [] };
    const engine = { observe: async () => empty } as unknown as Engine;

    const { plan } = await observeAndPlan(engine, stack, { waitAll: false, warnings: [] });
    const create = plan.operations.find((op) => op.kind === "createContainer");
    expect(create?.kind === "createContainer" && create.spec.labels["dev.stackform.version"]).toBe(
      "9.8.7-test",
    );
  });
});
