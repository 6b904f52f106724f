import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStack } from "@stackform/schema";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { runCli } from "../run-cli.js";

const PASSWORD = "hunter2-5e1d-password";
const dir = mkdtempSync(join(tmpdir(), "stackform-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const file = join(dir, "stack.yaml");
writeFileSync(
  file,
  `name: cfg
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${PASSWORD}
      PGDATA: /var/lib/pg
    mem_limit: 256m
    stop_grace_period: 90s
    working_dir: /srv
`,
);

/** Runs `stack -f stack.yaml ...args` in this process, capturing what it writes. */
async function stack(...args: string[]) {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const code = await runCli(["node", "stack", "-f", file, ...args]);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe("stack config", () => {
  it("prints Compose YAML with secrets masked, and says so on stderr", async () => {
    const { code, stdout, stderr } = await stack("config");
    expect(code).toBe(0);
    expect(parse(stdout)).toEqual({
      name: "cfg",
      services: {
        db: {
          image: "postgres:16",
          environment: { PGDATA: "/var/lib/pg", POSTGRES_PASSWORD: "(sensitive)" },
          deploy: { resources: { limits: { memory: "256m" } } },
          working_dir: "/srv",
          stop_grace_period: "1m30s",
        },
      },
    });
    expect(stdout + stderr).not.toContain(PASSWORD);
    expect(stderr).toMatch(/masked/);
  });

  it("prints JSON with x-stackform.format_version under --json", async () => {
    const { code, stdout } = await stack("--json", "config");
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc["x-stackform"]).toEqual({ format_version: 1 });
    expect(doc.services.db.stop_grace_period).toBe("1m30s");
  });

  it("prints a file that loads back to the same stack with --show-sensitive, and no mask notice", async () => {
    const { code, stdout, stderr } = await stack("config", "--show-sensitive");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const rendered = join(dir, "rendered.yaml");
    writeFileSync(rendered, stdout);
    const original = await loadStack({ cwd: dir, files: [file], env: {} });
    const again = await loadStack({ cwd: dir, files: [rendered], env: {} });
    expect(again.stack?.services).toEqual(original.stack?.services);
    expect(again.stack?.services.db?.environment.POSTGRES_PASSWORD).toBe(PASSWORD);
  });
});
