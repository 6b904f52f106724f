// Why: the "engine" tests never skip, so a missing engine, test image or built CLI fails the run up
// front, saying what is missing and how to get it, instead of as dozens of unrelated test failures.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { type EngineObjects, leftBehind, snapshotEngine } from "./left-behind.js";

const run = promisify(execFile);

const FIX = "bash scripts/setup.sh";
const TEST_IMAGE = "stackform-test/busybox:1";
const CLI_MAIN = fileURLToPath(new URL("../../packages/cli/dist/main.js", import.meta.url));

/** The docker CLI honours DOCKER_HOST (and contexts) exactly as a user's shell does. */
async function docker(args: string[]): Promise<{ ok: true; stdout: string } | { ok: false; reason: string }> {
  try {
    const { stdout } = await run("docker", args, { timeout: 30_000, encoding: "utf8" });
    return { ok: true, stdout: stdout.trim() };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
    if (e.code === "ENOENT") return { ok: false, reason: "the docker CLI is not on PATH" };
    if (e.killed) return { ok: false, reason: `\`docker ${args.join(" ")}\` did not answer within 30 s` };
    const firstLine = (e.stderr ?? e.message).trim().split("\n")[0] ?? "";
    return { ok: false, reason: firstLine };
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Part of every e2e stack name: tells this run's objects from those of a run beside it. */
    stackformRunToken: string;
  }
}

/**
 * Checks that the engine tests can run, then, when they are done, that they left nothing of their
 * own on the engine: returns the teardown that fails the run, naming what is left.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await checkPrerequisites();
  const token = randomBytes(2).toString("hex");
  project.provide("stackformRunToken", token);
  const before: EngineObjects = await snapshotEngine(token);
  return async () => {
    const report = await leftBehind(before, token);
    if (report === undefined) return;
    // Vitest only logs an error thrown here; the exit code is what CI sees.
    process.exitCode = 1;
    throw new Error(report);
  };
}

async function checkPrerequisites(): Promise<void> {
  const missing: string[] = [];

  const where = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : "the local socket";
  const info = await docker(["info", "--format", "{{.ServerVersion}}"]);
  if (!info.ok) {
    const hint = process.env.DOCKER_HOST ? "; start that engine, or unset DOCKER_HOST for a local one" : "";
    missing.push(`a Docker engine: none answers on ${where} (${info.reason})${hint}`);
  } else {
    const image = await docker(["image", "inspect", "--format", "{{.Id}}", TEST_IMAGE]);
    if (!image.ok) missing.push(`the test image ${TEST_IMAGE} (made by scripts/make-test-images.sh)`);
  }

  if (!existsSync(CLI_MAIN)) missing.push(`the built CLI ${CLI_MAIN} (made by \`pnpm build\`)`);

  if (missing.length > 0) {
    throw new Error(
      `The engine tests cannot run; missing:\n${missing.map((m) => `  - ${m}`).join("\n")}\n` +
        `Fix: run \`${FIX}\` (as root on Debian it installs and starts everything), then run the tests again.`,
    );
  }
}
