import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docker, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const PASSWORD = "hunter2-d8c1f0-password";
const DECLARED = "declared-0b7e55-sensitive";

const yaml = (version: string) => `
services:
  db:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    environment:
      DB_PASSWORD: \${DB_PASSWORD}
      PLAIN_SETTING: ${DECLARED}
      VERSION: "${version}"
    x-sensitive: [PLAIN_SETTING]
`;

/** Every output of every command is searched for the secret values. */
describe("secrets", () => {
  it("never appear in plan, apply, ps, config, JSON, Markdown, labels or errors", async () => {
    const stack = e2eStack("secrets", yaml("1"));
    const env = { DB_PASSWORD: PASSWORD };
    const outputs: string[] = [];
    const run = async (args: string[], code = 0) => {
      const r = await stack.ok(args, code, env);
      outputs.push(`$ ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
      return r;
    };

    await run(["config"]);
    await run(["config", "--json"]);
    await run(["plan"], 0);
    await run(["plan", "--json"]);
    await run(["plan", "--format", "markdown"]);
    await run(["apply", "-y"]);
    await run(["apply", "-y", "--progress", "json"]);
    await run(["ps"]);
    await run(["ps", "--json"]);
    stack.write(yaml("2"));
    await run(["plan", "--detailed-exitcode"], 2);
    await run(["plan", "--json"]);
    await run(["apply", "-y", "--progress", "plain"]);
    // An error path: an impossible port makes apply fail after the plan was printed.
    stack.write(`${yaml("3")}    ports: ["127.0.0.1:1:80", "127.0.0.1:1:81"]\n`);
    await run(["apply", "-y"], 1);

    for (const output of outputs) {
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain(DECLARED);
    }
    expect(outputs.join("\n")).toContain("(sensitive)");

    const labels = JSON.stringify(inspectContainer(`${stack.name}-db-1`).Config.Labels);
    expect(labels).not.toContain(PASSWORD);
    expect(labels).not.toContain(DECLARED);
    // The container itself gets the real value.
    expect(docker("exec", `${stack.name}-db-1`, "sh", "-c", "echo $DB_PASSWORD")).toBe(PASSWORD);
  });

  it("prints them only with --show-sensitive, and saved plans are 0600 and say they hold secrets", async () => {
    const stack = e2eStack("showsecret", yaml("1"));
    const env = { DB_PASSWORD: PASSWORD };
    const shown = await stack.ok(["plan", "--show-sensitive"], 0, env);
    expect(shown.stdout).toContain(PASSWORD);

    await stack.ok(["plan", "--out", "plan.json"], 0, env);
    const file = join(stack.dir, "plan.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = readFileSync(file, "utf8");
    expect(saved).toMatch(/contains?_secrets|secret/i);
  });

  it("are scrubbed from text the engine returns, like the output of a failing healthcheck", async () => {
    const stack = e2eStack(
      "secret-health",
      `services:\n  db:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n    environment:\n      DB_PASSWORD: \${DB_PASSWORD}\n    healthcheck: { test: ["CMD-SHELL", "echo login with $$DB_PASSWORD refused; exit 1"], interval: 500ms, retries: 2 }\n`,
    );
    const result = await stack.ok(["apply", "-y", "--wait", "--wait-timeout", "20s"], 1, {
      DB_PASSWORD: PASSWORD,
    });
    expect(result.stderr).toContain("login with (sensitive) refused");
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });
});
