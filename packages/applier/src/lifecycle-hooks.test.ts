import type { HookRun, Operation } from "@stackform/planner";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../test/fake-clock.js";
import { FakeEngine } from "../test/fake-engine.js";
import { planOf } from "../test/operations.js";
import { apply } from "./apply.js";
import { runPreStop } from "./run-hooks.js";

const node = (id: string, after: string[] = []) => ({ id, after, resource: "service web" });

const hook = (name: string, command: string[], extra: Partial<HookRun> = {}): HookRun => ({
  service: "web",
  hook: name,
  command,
  env: {},
  ...extra,
});

const start = (postStart: HookRun[]): Operation => ({
  ...node("start:app-web-1"),
  kind: "startContainer",
  container: "app-web-1",
  postStart,
});

const stop = (preStop: HookRun[]): Operation => ({
  ...node("stop:app-web-1"),
  kind: "stopContainer",
  container: "app-web-1",
  timeoutSeconds: 10,
  preStop,
});

async function run(engine: FakeEngine, ops: Operation[]) {
  const progress: string[] = [];
  const result = await apply(planOf(ops), engine, {
    concurrency: 1,
    clock: new FakeClock(),
    onProgress: (id, line) => progress.push(`${id} ${line}`),
  });
  return { result, progress };
}

describe("post_start hooks", () => {
  it("run after the start, in order, as docker exec with the hook's options", async () => {
    const engine = new FakeEngine();
    const { result } = await run(engine, [
      start([
        hook("post_start[0]", ["touch", "/tmp/started"]),
        hook("post_start[1]", ["sh", "-c", "echo ok"], {
          env: { MODE: "fast" },
          user: "0",
          workingDir: "/tmp",
          privileged: true,
        }),
      ]),
    ]);
    expect(result.succeeded).toBe(true);
    expect(engine.log()).toEqual(["startContainer app-web-1", "exec app-web-1", "exec app-web-1"]);
    expect(engine.calls.filter((c) => c.method === "exec").map((c) => c.args[1])).toEqual([
      { command: ["touch", "/tmp/started"] },
      {
        command: ["sh", "-c", "echo ok"],
        env: { MODE: "fast" },
        user: "0",
        workingDir: "/tmp",
        privileged: true,
      },
    ]);
  });

  it("report their output as progress lines, never on stdout", async () => {
    const engine = new FakeEngine();
    engine.execAnswer = () => ({ exitCode: 0, stdout: "migrated 3 tables\n", stderr: "note: slow\n" });
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      const { progress } = await run(engine, [start([hook("post_start[0]", ["migrate"])])]);
      expect(progress).toEqual([
        "start:app-web-1 post_start[0]: migrated 3 tables",
        "start:app-web-1 post_start[0]: note: slow",
      ]);
    } finally {
      process.stdout.write = original;
    }
    expect(written.join("")).not.toContain("migrated");
  });

  it("a non-zero exit fails the start naming service, hook, exit code and the last output; later hooks do not run", async () => {
    const engine = new FakeEngine();
    const lines = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join("\n");
    engine.execAnswer = (_container, options) =>
      options.command[0] === "migrate" ? { exitCode: 3, stderr: `${lines}\n` } : { exitCode: 0 };
    const { result } = await run(engine, [
      start([hook("post_start[0]", ["migrate", "--all"]), hook("post_start[1]", ["never"])]),
      { ...node("wait", ["start:app-web-1"]), kind: "sleep", ms: 1, reason: "after" },
    ]);
    expect(result.succeeded).toBe(false);
    expect(engine.log()).toEqual(["startContainer app-web-1", "exec app-web-1"]);
    const error = result.outcomes.find((o) => o.operation.id === "start:app-web-1")?.error?.message ?? "";
    expect(error).toContain("post_start[0] hook of service web (migrate --all) exited with code 3");
    expect(error).toContain("line 15");
    expect(error).toContain("line 6");
    expect(error).not.toContain("line 5\n");
    expect(result.outcomes.find((o) => o.operation.id === "wait")?.status).toBe("skipped");
  });

  it("mask the hook's own secret values in its output and in the error", async () => {
    const engine = new FakeEngine();
    engine.execAnswer = () => ({ exitCode: 1, stdout: "token is s3cr3t-v4lue\n" });
    const { result, progress } = await run(engine, [
      start([
        hook("post_start[0]", ["login"], { env: { API_TOKEN: "s3cr3t-v4lue" }, sensitiveEnv: ["API_TOKEN"] }),
      ]),
    ]);
    expect(progress).toEqual(["start:app-web-1 post_start[0]: token is (sensitive)"]);
    const error = result.outcomes[0]?.error?.message ?? "";
    expect(error).toContain("token is (sensitive)");
    expect(error).not.toContain("s3cr3t-v4lue");
  });

  it("a start that fails runs no hook", async () => {
    const engine = new FakeEngine().fail("startContainer app-web-1", "no such image");
    const { result } = await run(engine, [start([hook("post_start[0]", ["touch", "/x"])])]);
    expect(result.succeeded).toBe(false);
    expect(engine.log()).toEqual(["startContainer app-web-1"]);
  });
});

describe("pre_stop hooks", () => {
  it("run before the stop, in order", async () => {
    const engine = new FakeEngine();
    const { result } = await run(engine, [
      stop([hook("pre_stop[0]", ["flush"]), hook("pre_stop[1]", ["sh", "-c", "echo bye"])]),
    ]);
    expect(result.succeeded).toBe(true);
    expect(engine.log()).toEqual(["exec app-web-1", "exec app-web-1", "stopContainer app-web-1"]);
    expect(engine.calls.at(-1)?.args).toEqual(["app-web-1", 10]);
  });

  it("a failing hook is a warning: the next hook and the stop still run, and the stop succeeds", async () => {
    const engine = new FakeEngine();
    engine.execAnswer = (_container, options) =>
      options.command[0] === "flush" ? { exitCode: 2, stdout: "disk full\n" } : { exitCode: 0 };
    const { result, progress } = await run(engine, [
      stop([hook("pre_stop[0]", ["flush"]), hook("pre_stop[1]", ["true"])]),
    ]);
    expect(result.succeeded).toBe(true);
    expect(engine.log()).toEqual(["exec app-web-1", "exec app-web-1", "stopContainer app-web-1"]);
    expect(progress).toContain("stop:app-web-1 pre_stop[0]: disk full");
    expect(progress.find((line) => line.includes("warning:"))).toContain(
      "warning: pre_stop[0] hook of service web (flush) exited with code 2 in app-web-1",
    );
  });

  it("an exec the engine refuses (container not running) is a warning too, and the stop goes on", async () => {
    const engine = new FakeEngine().fail("exec app-web-1", "container is not running");
    const { result, progress } = await run(engine, [stop([hook("pre_stop[0]", ["flush"])])]);
    expect(result.succeeded).toBe(true);
    expect(engine.log()).toEqual(["exec app-web-1", "stopContainer app-web-1"]);
    expect(progress.join("\n")).toContain(
      "could not run in app-web-1: container is not running; stopping anyway",
    );
  });

  it("a stop without hooks makes no exec call", async () => {
    const engine = new FakeEngine();
    await run(engine, [{ ...node("stop:c"), kind: "stopContainer", container: "c" }]);
    expect(engine.log()).toEqual(["stopContainer c"]);
  });
});

describe("a pre_stop hook that hangs", () => {
  it("is given up on after the limit, with a warning, and the later hooks are not started", async () => {
    const engine = new FakeEngine();
    const held = engine.hold("exec app-web-1");
    const progress: string[] = [];
    const started = Date.now();
    await runPreStop(
      engine,
      "app-web-1",
      [hook("pre_stop[0]", ["sleep", "3600"]), hook("pre_stop[1]", ["true"])],
      (line) => progress.push(line),
      () => false,
      50,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(engine.log()).toEqual(["exec app-web-1"]);
    expect(progress).toEqual([
      "warning: pre_stop[0] hook of service web was still running after 0.05s in app-web-1; stopping anyway",
    ]);
    held.release();
  });

  it("an engine gone while it runs fails the stop: nothing else could run either", async () => {
    const engine = new FakeEngine().fail("exec app-web-1", "connection lost");
    await expect(
      runPreStop(
        engine,
        "app-web-1",
        [hook("pre_stop[0]", ["flush"])],
        () => {},
        () => true,
      ),
    ).rejects.toThrow("connection lost");
  });
});
