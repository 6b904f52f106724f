import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { planToJson } from "../src/render/plan-to-json.js";
import { renderPlan } from "../src/render/render-plan.js";
import { desiredStack, observedFromDesired } from "./builders.js";

const SECRET = "s3cr3t-hunter2-value";
const DECLARED = "declared-secret-value";
const BUILD_SECRET = "npm-token-value";
const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

const secretive = (password: string) =>
  desiredStack({
    services: {
      db: {
        image: "postgres:16",
        environment: { POSTGRES_PASSWORD: password, OPAQUE: DECLARED },
        sensitiveKeys: ["OPAQUE"],
      },
      web: {
        image: "app-web",
        build: { context: "/work/app", dockerfile: "Dockerfile", args: { NPM_TOKEN: BUILD_SECRET } },
      },
    },
  });

function everyRendering(p: ReturnType<typeof plan>): string[] {
  return [
    renderPlan(p, { format: "human", color: false }),
    renderPlan(p, { format: "human", color: true }),
    renderPlan(p, { format: "markdown", color: false }),
    JSON.stringify(planToJson(p)),
  ];
}

describe("sensitive values", () => {
  it("never appear in any rendering of a create, in changes or in operations", () => {
    const p = plan(secretive(SECRET), empty);
    for (const text of everyRendering(p)) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(DECLARED);
      expect(text).not.toContain(BUILD_SECRET);
    }
    const json = planToJson(p) as { operations: { id: string; spec?: { env: Record<string, string> } }[] };
    expect(json.operations.find((o) => o.id === "create:app-db-1")?.spec?.env).toEqual({
      OPAQUE: "(sensitive)",
      POSTGRES_PASSWORD: "(sensitive)",
    });
  });

  it("never appear when a secret changes (replace), nor in the config hash label", () => {
    const p = plan(secretive("new-password-value"), observedFromDesired(secretive(SECRET)));
    for (const text of everyRendering(p)) expect(text).not.toContain("new-password-value");
    expect(p.changes.map((c) => c.action)).toContain("replace");
    const create = p.operations.find((o) => o.kind === "createContainer");
    expect(JSON.stringify(create?.kind === "createContainer" && create.spec.labels)).not.toContain(
      "new-password-value",
    );
  });

  it("are shown only with showSensitive", () => {
    const p = plan(secretive(SECRET), empty);
    expect(renderPlan(p, { format: "human", color: false, showSensitive: true })).toContain(SECRET);
    expect(JSON.stringify(planToJson(p, { showSensitive: true }))).toContain(SECRET);
  });
});

describe("renderings", () => {
  const desired = desiredStack({ services: { web: { environment: { MODE: "prod" } } } });

  it("JSON is versioned, snake_case, with a summary", () => {
    const json = planToJson(plan(desired, empty));
    expect(Object.keys(json)).toEqual([
      "format_version",
      "stack",
      "fingerprint",
      "summary",
      "changes",
      "operations",
      "warnings",
    ]);
    expect(json.format_version).toBe(1);
    expect(json.summary).toEqual({ add: 3, change: 0, replace: 0, remove: 0 });
    const create = (json.operations as { id: string; spec?: { env: object } }[]).find(
      (o) => o.id === "create:app-web-1",
    );
    expect(Object.keys(create?.spec ?? {})).toContain("port_bindings");
    expect(create?.spec?.env).toEqual({ MODE: "prod" });
  });

  it("markdown has a heading, a summary line and a diff block", () => {
    const observed = observedFromDesired(desired);
    const stopped = {
      ...observed,
      containers: observed.containers.map((c) => ({ ...c, state: "exited" as const })),
    };
    expect(
      renderPlan(plan(desired, stopped), { format: "markdown", color: false }),
    ).toBe(`### Stackform plan for stack \`app\`

**Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.**

\`\`\`diff
! service web  # stopped outside Stackform
!     state: "exited" → "running"
\`\`\`
`);
  });

  it("colours symbols only when asked", () => {
    const text = renderPlan(plan(desired, empty), { format: "human", color: true });
    expect(text).toContain("\u001b[32m  + service web\u001b[0m");
    expect(renderPlan(plan(desired, empty), { format: "human", color: false })).not.toContain("\u001b[");
  });
});
