import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { containersOf, docker } from "../support/docker-cli.js";
import { removeStackFromEngine } from "../support/remove-stack.js";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../../", import.meta.url));
const cliPackage = join(repo, "packages/cli");
const { version } = JSON.parse(readFileSync(join(cliPackage, "package.json"), "utf8")) as { version: string };
const EXAMPLE_IMAGE = "stackform-example/busybox:1";

/** A port nothing listens on, so the example's published port cannot collide with another stack. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * The `stackform` tarball as a user gets it: packed, installed with npm into a prefix of its own,
 * and run from a folder outside the repository with none of the repository's paths in the
 * environment.
 */
describe("the stackform npm package", () => {
  const work = mkdtempSync(join(tmpdir(), "stackform-npm-"));
  const prefix = join(work, "prefix");
  const project = join(work, "project");
  const bin = join(prefix, "bin", "stack");
  const stacks: string[] = [];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    docker("image", "inspect", EXAMPLE_IMAGE); // made by scripts/make-test-images.sh
    await run("pnpm", ["pack", "--pack-destination", work], { cwd: cliPackage });
    const tarball = join(work, `stackform-${version}.tgz`);
    await run("npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", tarball], {
      cwd: work,
      timeout: 300_000,
    });
    const path = (process.env.PATH ?? "")
      .split(delimiter)
      .filter((dir) => !dir.startsWith(repo) && !dir.includes("node_modules"));
    env = { ...process.env, PATH: [join(prefix, "bin"), ...path].join(delimiter), NO_COLOR: "1" };
    delete env.NODE_PATH;
    delete env.STACK_NAME;
    mkdirSync(project, { recursive: true });
  }, 360_000);

  afterEach(async () => {
    for (const name of stacks.splice(0)) await removeStackFromEngine(name);
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const stack = async (args: string[], expectedCode = 0) => {
    const result = await run("stack", args, { cwd: project, env, timeout: 120_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: error.stdout ?? "",
        stderr: error.stderr ?? "",
      }),
    );
    if (result.code !== expectedCode) {
      throw new Error(`stack ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  };

  it("installs a `stack` that lives in the prefix, not in the repository", async () => {
    const { stdout } = await run("sh", ["-c", "command -v stack"], { env });
    expect(realpathSync(stdout.trim())).toBe(
      realpathSync(join(prefix, "lib/node_modules/stackform/bin/stack.js")),
    );
    expect(stdout.trim()).toBe(bin);
    expect((await stack(["--version"])).stdout.trim()).toBe(version);
    // The workspace packages are inside the bundle, not dependencies npm would look up.
    const installed = JSON.parse(
      readFileSync(join(prefix, "lib/node_modules/stackform/package.json"), "utf8"),
    ) as { dependencies: Record<string, string> };
    expect(Object.keys(installed.dependencies).filter((name) => name.startsWith("@stackform/"))).toEqual([]);
  });

  it("validates, plans, applies, lists and destroys examples/hello from outside the repository", async () => {
    const name = `e2e-npm-${randomBytes(3).toString("hex")}`;
    stacks.push(name);
    const port = await freePort();
    const example = readFileSync(join(repo, "examples/hello/stack.yaml"), "utf8")
      .replace(/^name: hello$/m, `name: ${name}`)
      .replace("127.0.0.1:18080:8080", `127.0.0.1:${port}:8080`);
    expect(example).toContain(`name: ${name}`);
    expect(example).toContain(`:${port}:8080`);
    writeFileSync(join(project, "stack.yaml"), example);

    expect((await stack(["validate"])).stdout).toContain(`Stack ${name} is valid: 2 services.`);
    const plan = await stack(["plan", "--format", "json"]);
    expect(plan.stdout).toContain(`${name}-web-1`);
    await stack(["apply", "-y", "--wait"]);
    const ps = JSON.parse((await stack(["ps", "--json"])).stdout) as {
      containers: { service: string; state: string }[];
    };
    expect(ps.containers.map((c) => `${c.service}:${c.state}`).sort()).toEqual([
      "web:running",
      "worker:running",
    ]);
    // The label names the CLI that created the container: package.json's version, one source.
    expect(
      docker("inspect", "--format", '{{index .Config.Labels "dev.stackform.version"}}', `${name}-web-1`),
    ).toBe(version);
    const answer = await fetch(`http://127.0.0.1:${port}/`);
    expect(await answer.text()).toContain("hello from stackform");

    await stack(["destroy", "-y", "--volumes"]);
    expect(containersOf(name)).toEqual([]);
    rmSync(join(project, "stack.yaml"));
  });

  it("loads a stack.ts importing `stackform` and its own modules, with no install in the stack's folder", async () => {
    const dir = join(project, "typed");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "stack.ts"),
      [
        'import { defineStack } from "stackform";',
        'import { image } from "./image";',
        "export default defineStack(({ required }) => ({",
        '  name: required("STACK_TS_NAME"),',
        '  services: { app: { image, restart: "always" } },',
        "}));",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "image.ts"), `export const image = "${EXAMPLE_IMAGE}";\n`);
    writeFileSync(join(dir, ".env"), "STACK_TS_NAME=npm-typed\n");
    const result = await run("stack", ["validate"], { cwd: dir, env });
    expect(result.stdout + result.stderr).toContain("Stack npm-typed is valid: 1 service.");
  });

  it("ships types that reject an impossible value in a user's stack.ts", async () => {
    const dir = join(project, "checked");
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    // As `npm i -D stackform` would leave it: the installed package under node_modules.
    symlinkSync(join(prefix, "lib/node_modules/stackform"), join(dir, "node_modules/stackform"));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "preserve",
          moduleResolution: "bundler",
          skipLibCheck: true,
          types: [],
        },
        files: ["good.ts", "bad.ts"],
      }),
    );
    const stack = (restart: string) =>
      `import { defineStack } from "stackform";\nexport default defineStack({ services: { app: { image: "x", restart: "${restart}" } } });\n`;
    writeFileSync(join(dir, "good.ts"), stack("on-failure:3"));
    writeFileSync(join(dir, "bad.ts"), stack("sometimes"));
    const tsc = createRequire(join(repo, "package.json")).resolve("typescript/bin/tsc");
    const output = await run(process.execPath, [tsc, "-p", dir], { cwd: dir }).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^bad\.ts\(2,\d+\): error TS2322: Type '"sometimes"' is not assignable/);
  }, 120_000);
});
