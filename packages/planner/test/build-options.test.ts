import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import type { BuildImage } from "../src/model/operation.js";
import { plan } from "../src/plan.js";
import { observedFromDesired } from "./builders.js";
import { desiredLoader } from "./desired-loader.js";

const desired = desiredLoader("build-options");
const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

const STACK = `name: app
services:
  web:
    image: app/web:1
    build:
      dockerfile_inline: |
        FROM stackform-test/busybox:1
      target: prod
      labels: [team=web]
      tags: [app/web:latest]
      no_cache: true
      pull: true
      extra_hosts: ["db.internal:10.0.0.5"]
`;

describe("build options in the plan", () => {
  it("carries every option to the build operation and shows what shapes the build", async () => {
    const stack = await desired(STACK);
    const p = plan(stack, empty);
    const build = p.operations.find((op): op is BuildImage => op.kind === "buildImage");
    expect(build?.build).toMatchObject({
      dockerfileInline: "FROM stackform-test/busybox:1\n",
      labels: { team: "web" },
      tags: ["app/web:latest"],
      noCache: true,
      pull: true,
      extraHosts: ["db.internal:10.0.0.5"],
    });
    const change = p.changes.find((c) => c.resource === "image app/web:1");
    expect(change?.fields.map((f) => [f.path, f.after])).toEqual([
      ["build.context", stack.services.web?.build?.context],
      ["build.dockerfile_inline", "FROM stackform-test/busybox:1\n"],
      ["build.target", "prod"],
      ["build.tags", ["app/web:latest"]],
      ["build.no_cache", true],
      ["build.pull", true],
    ]);
  });

  it("does not build again when the image is there: no_cache and pull shape a build, not when to build", async () => {
    const stack = await desired(STACK);
    expect(plan(stack, observedFromDesired(stack)).operations).toEqual([]);
  });
});
