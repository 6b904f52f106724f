import { Labels, type ObservedContainer, type ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { desiredStack, human, observedFromDesired } from "./builders.js";

const healthcheck = { test: ["CMD", "true"], interval: 2e9, timeout: 2e9, retries: 3 };
const stack = desiredStack({
  services: {
    web: {
      environment: { MODE: "prod" },
      dependsOn: { db: { condition: "service_healthy", restart: false, required: true } },
    },
    db: { image: "postgres:16", healthcheck },
  },
});

/**
 * What `docker-compose -p app up` (v1) leaves on the engine for the same file: the same
 * configuration, under v1's names, with Compose's labels only and attachable networks.
 */
function composeMade(observed: ObservedState): ObservedState {
  const compose = (labels: Record<string, string>) =>
    Object.fromEntries(Object.entries(labels).filter(([key]) => !key.startsWith("dev.stackform.")));
  return {
    ...observed,
    containers: observed.containers.map((c): ObservedContainer => {
      const { configHash: _hash, ...rest } = c;
      return { ...rest, name: `app_${c.service}_${c.number}`, labels: compose(c.labels) };
    }),
    networks: observed.networks.map((n) => {
      const { configHash: _hash, ...rest } = n;
      return {
        ...rest,
        attachable: true,
        labels: { ...compose(n.labels), [Labels.composeProject]: "app", [Labels.composeNetwork]: "default" },
      };
    }),
  };
}

describe("adopting a running Compose project", () => {
  const observed = composeMade(observedFromDesired(stack));

  it("keeps Compose's containers and network as they run when they match the stack file", () => {
    const p = plan(stack, observed);
    expect(p.operations).toEqual([]);
    expect(human(p)).toContain("No changes");
  });

  it("replaces only the changed service, under Stackform's name, and waits for the adopted ones by their Compose names", () => {
    const changed = desiredStack({
      services: {
        web: { ...stack.services.web, environment: { MODE: "staging" } },
        db: stack.services.db!,
      },
    });
    const p = plan(changed, observed);
    expect(p.changes.filter((c) => c.action !== "keep").map((c) => `${c.action} ${c.resource}`)).toEqual([
      "replace service web",
    ]);
    const text = human(p);
    expect(text).toContain('container_name: "app_web_1" → "app-web-1"');
    expect(text).toContain("environment.MODE");
    const touched = p.operations.flatMap((op) =>
      "container" in op && typeof op.container === "string" ? [op.container] : [],
    );
    // web starts once db is healthy: the wait names the adopted container.
    expect(
      p.operations.filter((op) => op.kind === "wait").map((op) => "container" in op && op.container),
    ).toContain("app_db_1");
    expect(touched).not.toContain("app-db-1");
  });

  it("does not adopt a container Stackform made (it has a config hash) or one of another project", () => {
    const foreign = {
      ...observed,
      containers: observed.containers.map((c) => ({
        ...c,
        labels: { ...c.labels, [Labels.composeProject]: "other" },
      })),
    };
    const p = plan(stack, foreign);
    expect(p.changes.filter((c) => c.action === "replace").map((c) => c.resource)).toEqual([
      "service db",
      "service web",
    ]);
  });
});

describe("one-off containers (stack run, docker compose run)", () => {
  it("are neither replicas nor orphans: the plan leaves them alone", () => {
    const observed = observedFromDesired(stack);
    const web = observed.containers.find((c) => c.service === "web")!;
    const oneOff: ObservedContainer = {
      ...structuredClone(web),
      id: "id-one-off",
      name: "app-web-run-0123456789ab",
      state: "exited",
      exitCode: 5,
      oneOff: true,
      labels: { ...web.labels, [Labels.composeOneoff]: "True" },
    };
    const p = plan(stack, { ...observed, containers: [...observed.containers, oneOff] });
    expect(p.operations).toEqual([]);
  });
});
