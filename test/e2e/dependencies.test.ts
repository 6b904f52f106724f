import { describe, expect, it } from "vitest";
import { exists, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const startedAt = (name: string) => Date.parse(inspectContainer(name).State.StartedAt);
const finishedAt = (name: string) => Date.parse(inspectContainer(name).State.FinishedAt);

describe("depends_on conditions", () => {
  it("starts a dependent only after its dependency is healthy", async () => {
    const stack = e2eStack(
      "healthy",
      `
services:
  db:
    image: ${TEST_IMAGE}
    init: true
    # Healthy only once the marker exists, two seconds after start.
    command: ["sh", "-c", "sleep 2 && touch /ready && exec sleep 3600"]
    healthcheck: { test: ["CMD", "test", "-f", "/ready"], interval: 500ms, retries: 60 }
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    depends_on: { db: { condition: service_healthy } }
`,
    );
    await stack.ok(["apply", "-y"]);
    expect(inspectContainer(`${stack.name}-db-1`).State.Health?.Status).toBe("healthy");
    expect(startedAt(`${stack.name}-app-1`) - startedAt(`${stack.name}-db-1`)).toBeGreaterThanOrEqual(2000);
  });

  it("starts a dependent only after a one-off job completed successfully", async () => {
    const stack = e2eStack(
      "completed",
      `
services:
  migrate:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "sleep 1"]
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    depends_on: { migrate: { condition: service_completed_successfully } }
`,
    );
    await stack.ok(["apply", "-y"]);
    const job = inspectContainer(`${stack.name}-migrate-1`);
    expect(job.State.Status).toBe("exited");
    expect(job.State.ExitCode).toBe(0);
    expect(startedAt(`${stack.name}-app-1`)).toBeGreaterThanOrEqual(finishedAt(`${stack.name}-migrate-1`));
    // A job that finished is what the stack asked for: no restart on the next plan.
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("skips the dependents of a failing service, still starts independent ones, and exits 1", async () => {
    const stack = e2eStack(
      "failing",
      `
services:
  migrate:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo migration broke; exit 3"]
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    depends_on: { migrate: { condition: service_completed_successfully } }
  independent:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
`,
    );
    const result = await stack.ok(["apply", "-y"], 1);
    expect(result.stderr).toMatch(/migrate/);
    expect(result.stderr).toMatch(/exited with code 3/);
    expect(result.stderr).toMatch(/skipped/);
    expect(inspectContainer(`${stack.name}-independent-1`).State.Running).toBe(true);
    expect(
      exists("container", `${stack.name}-app-1`) && inspectContainer(`${stack.name}-app-1`).State.Running,
    ).toBe(false);
  });
});
