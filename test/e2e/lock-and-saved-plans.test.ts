import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { containerIds, docker } from "../support/docker-cli.js";
import { e2eStack, sleepersYaml, TEST_IMAGE } from "../support/e2e-stack.js";

describe("the engine-side lock", () => {
  it.each([2, 4])(
    "serialises %i concurrent applies of one stack, and the end state is clean",
    async (processes) => {
      const stack = e2eStack("lock", sleepersYaml(4));
      const results = await Promise.all(
        Array.from({ length: processes }, () =>
          stack.run(["apply", "-y", "--lock-timeout", "90s", "--progress", "plain"]),
        ),
      );
      expect(results.map((r) => r.code)).toEqual(results.map(() => 0));
      // Exactly one of them created the containers; the others found nothing left to do.
      expect(results.filter((r) => r.stdout.includes("No changes"))).toHaveLength(processes - 1);
      expect(Object.keys(containerIds(stack.name))).toHaveLength(4);
      await stack.ok(["plan", "--detailed-exitcode"]);
    },
  );

  it("refuses at once, naming the holder, when the lock is held and --lock-timeout is 0", async () => {
    const stack = e2eStack("held", sleepersYaml(1));
    docker(
      "create",
      "--name",
      `stackform-lock-${stack.name}`,
      "--label",
      `dev.stackform.stack=${stack.name}`,
      "--label",
      "dev.stackform.lock=true",
      "--label",
      "dev.stackform.lock.holder=someone else",
      "--label",
      "dev.stackform.lock.host=ci-runner-7",
      "--label",
      `dev.stackform.lock.since=${new Date().toISOString()}`,
      TEST_IMAGE,
    );
    const result = await stack.ok(["apply", "-y"], 1);
    expect(result.stderr).toContain("someone else");
    expect(result.stderr).toContain("ci-runner-7");
    expect(result.stderr).toContain("stack unlock");
    expect(containerIds(stack.name)).toEqual({});

    await stack.ok(["unlock", "-y"]);
    await stack.ok(["apply", "-y"]);
  });
});

describe("saved plans", () => {
  it("writes the plan file with mode 0600 and applies exactly it", async () => {
    const stack = e2eStack("saved", sleepersYaml(2));
    await stack.ok(["plan", "--out", "plan.json"], 0);
    const file = join(stack.dir, "plan.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await stack.ok(["apply", "plan.json"]);
    expect(Object.keys(containerIds(stack.name))).toHaveLength(2);
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("refuses a stale plan file and names what changed", async () => {
    const stack = e2eStack("stale", sleepersYaml(2));
    await stack.ok(["apply", "-y"]);
    stack.write(sleepersYaml(3));
    await stack.ok(["plan", "--out", "plan.json"]);
    docker("stop", "-t", "0", `${stack.name}-s0-1`);

    const result = await stack.ok(["apply", "plan.json"], 1);
    expect(result.stderr).toMatch(/stale/);
    expect(result.stderr).toContain(`${stack.name}-s0-1`);
    expect(Object.keys(containerIds(stack.name))).toHaveLength(2);
  });
});
