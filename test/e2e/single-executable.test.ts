import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const binary = join(repo, "packages/cli/dist/sea/stack");
const { version } = JSON.parse(readFileSync(join(repo, "packages/cli/package.json"), "utf8")) as {
  version: string;
};

/**
 * `pnpm build:binary`'s single executable, run with an environment that has no PATH at all: no
 * node, no node_modules, nothing from the repository.
 */
describe("the single executable", () => {
  const dir = mkdtempSync(join(tmpdir(), "stackform-sea-"));
  const bare = { HOME: dir, DOCKER_HOST: process.env.DOCKER_HOST ?? "unix:///var/run/docker.sock" };
  const stack = (args: string[]) => run(binary, args, { cwd: dir, env: bare, timeout: 60_000 });

  beforeAll(async () => {
    await run(process.execPath, [join(repo, "scripts/build-binary.mjs")], { cwd: repo, timeout: 300_000 });
    expect(statSync(binary).mode & 0o111).not.toBe(0);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints package.json's version", async () => {
    expect((await stack(["--version"])).stdout.trim()).toBe(version);
  });

  it("validates a YAML stack and plans it on the engine", async () => {
    const name = `e2e-sea-${process.pid}`;
    writeFileSync(
      join(dir, "stack.yaml"),
      `name: ${name}\nservices:\n  app:\n    image: stackform-test/busybox:1\n    restart: always\n`,
    );
    const validated = await stack(["validate"]);
    expect(validated.stdout + validated.stderr).toContain(`Stack ${name} is valid: 1 service.`);
    const plan = await stack(["plan", "--format", "json"]);
    expect(JSON.parse(plan.stdout)).toMatchObject({ stack: name, summary: { add: 2 } });
    rmSync(join(dir, "stack.yaml"));
  });

  it("validates a TypeScript stack that imports its own module and reads a required variable", async () => {
    writeFileSync(
      join(dir, "stack.ts"),
      [
        'import { defineStack } from "stackform";',
        'import { image } from "./image";',
        'export default defineStack(({ required }) => ({ name: required("SEA_NAME"), services: { app: { image } } }));',
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "image.ts"), 'export const image = "stackform-test/busybox:1";\n');
    writeFileSync(join(dir, ".env"), "SEA_NAME=sea-typed\n");
    const validated = await stack(["validate"]);
    expect(validated.stdout + validated.stderr).toContain("Stack sea-typed is valid: 1 service.");
  });
});
