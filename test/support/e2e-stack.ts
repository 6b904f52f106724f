import { randomBytes } from "node:crypto";
import { afterEach, inject } from "vitest";
import { removeStackFromEngine } from "./remove-stack.js";
import { type RunResult, runStack, stackOk } from "./run-stack.js";
import { stackDir } from "./stack-dir.js";

export const TEST_IMAGE = "stackform-test/busybox:1";

/** A stack file of `count` services `s0`, `s1`…, each one container that sleeps. */
export const sleepersYaml = (count: number): string =>
  `services:\n${Array.from(
    { length: count },
    (_, i) => `  s${i}:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n`,
  ).join("")}`;

/** A project directory plus a unique stack name, removed from the engine after the test. */
export interface E2EStack {
  name: string;
  dir: string;
  /** Replace the stack file. */
  write(yaml: string, file?: string): void;
  /** Runs `stack -n <name> ...args` in the project and asserts the exit code. */
  ok(args: string[], expectedCode?: number, env?: Record<string, string>): Promise<RunResult>;
  run(args: string[], env?: Record<string, string>): Promise<RunResult>;
}

const live: { name: string; dispose(): void }[] = [];
afterEach(async () => {
  for (const stack of live.splice(0)) {
    await removeStackFromEngine(stack.name);
    stack.dispose();
  }
});

export function e2eStack(prefix: string, yaml: string): E2EStack {
  // The run's token lets the global teardown tell this run's leftovers from a run beside it.
  const name = `e2e-${prefix}-${inject("stackformRunToken") ?? ""}${randomBytes(3).toString("hex")}`;
  const dir = stackDir({ "stack.yaml": yaml });
  live.push({ name, dispose: () => dir[Symbol.dispose]() });
  return {
    name,
    dir: dir.path,
    write: (content, file = "stack.yaml") => dir.write(file, content),
    ok: (args, expectedCode = 0, env) => stackOk(["-n", name, ...args], { cwd: dir.path, env }, expectedCode),
    run: (args, env) => runStack(["-n", name, ...args], { cwd: dir.path, env }),
  };
}
