import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { containersOf, docker, inspectContainer } from "../support/docker-cli.js";
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

const TOKEN = "tok-5e1f9a-first-value";
const NEXT_TOKEN = "tok-77c2d4-second-value";

const filesYaml = `
services:
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    secrets:
      - token
      - source: token
        target: /etc/app/token
        uid: "1000"
        mode: 0400
    configs:
      - app.conf
secrets:
  token:
    environment: APP_TOKEN
configs:
  app.conf:
    content: |
      port \${APP_PORT:-8080}
`;

describe("secrets and configs copied in from the environment and inline content", () => {
  it("are files in the container, their values stay out of every output, and a change replaces it", async () => {
    const stack = e2eStack("secretfiles", filesYaml);
    const container = `${stack.name}-app-1`;
    const outputs: string[] = [];
    const run = async (args: string[], code: number, env: Record<string, string>) => {
      const r = await stack.ok(args, code, env);
      outputs.push(`$ ${args.join(" ")}\n${r.stdout}\n${r.stderr}`);
      return r;
    };
    const first = { APP_TOKEN: TOKEN };
    const fullCompare = { ...first, STACKFORM_TRUST_CONFIG_HASH: "0" };

    await run(["config"], 0, first);
    await run(["plan", "--json"], 0, first);
    await run(["apply", "-y"], 0, first);
    const stat = (path: string) => docker("exec", container, "stat", "-c", "%a %u %g", path);
    expect(docker("exec", container, "cat", "/run/secrets/token")).toBe(TOKEN);
    expect(stat("/run/secrets/token")).toBe("444 0 0");
    expect(docker("exec", container, "cat", "/etc/app/token")).toBe(TOKEN);
    expect(stat("/etc/app/token")).toBe("400 1000 0");
    expect(docker("exec", container, "cat", "/app.conf")).toBe("port 8080");
    expect(stat("/app.conf")).toBe("444 0 0");

    // Applied means converged: by the config hash, and field by field with the files read back.
    await run(["plan", "--detailed-exitcode"], 0, first);
    await run(["plan", "--detailed-exitcode"], 0, fullCompare);

    const second = { APP_TOKEN: NEXT_TOKEN };
    for (const env of [second, { ...second, STACKFORM_TRUST_CONFIG_HASH: "0" }]) {
      const plan = await run(["plan", "--detailed-exitcode"], 2, env);
      expect(plan.stdout).toMatch(/~ secrets\.token: \(sensitive\) → \(sensitive\)/);
      expect(plan.stdout).toContain("secrets.token[/etc/app/token]");
      expect(plan.stdout).not.toContain("configs.app.conf");
    }
    const json = await run(["plan", "--json"], 0, second);
    const fields = JSON.parse(json.stdout).changes[0].fields;
    expect(fields).toContainEqual(
      expect.objectContaining({ path: "secrets.token", before: "(sensitive)", after: "(sensitive)" }),
    );
    await run(["plan", "--format", "markdown"], 0, second);
    await run(["apply", "-y", "--progress", "plain"], 0, second);
    expect(docker("exec", container, "cat", "/run/secrets/token")).toBe(NEXT_TOKEN);
    await run(["plan", "--detailed-exitcode"], 0, second);
    await run(["plan", "--detailed-exitcode"], 0, { ...second, STACKFORM_TRUST_CONFIG_HASH: "0" });

    // A config's content is no secret: the plan shows it.
    const config = await run(["plan", "--detailed-exitcode"], 2, { ...second, APP_PORT: "9090" });
    expect(config.stdout).toContain('configs.app.conf: "port 8080\\n" → "port 9090\\n"');

    for (const output of outputs) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(NEXT_TOKEN);
    }
    const labels = JSON.stringify(inspectContainer(container).Config.Labels);
    expect(labels).not.toContain(NEXT_TOKEN);
    expect(labels).toContain("/run/secrets/token");
  });

  it("refuses a missing variable, and fails with what and why when the engine refuses the copy", async () => {
    const stack = e2eStack("secretfail", filesYaml);
    const missing = await stack.ok(["plan"], 1, {});
    expect(missing.stderr).toContain(
      "secrets.token takes its value from the variable APP_TOKEN, which is not set",
    );

    stack.write(
      `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: sleep 3600\n    configs:\n      - source: c\n        target: /bin/busybox/c.conf\nconfigs:\n  c:\n    content: hi\n`,
    );
    const refused = await stack.ok(["apply", "-y"], 1, {});
    expect(refused.stdout + refused.stderr).toMatch(
      /cannot copy config c into container \S+-app-1: .*not a directory; check that no target path is inside a file/,
    );
    // A container without its files is not left behind to be started later.
    expect(containersOf(stack.name)).toEqual([]);
  });
});
