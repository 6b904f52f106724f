import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { docker, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { removeStackFromEngine } from "../support/remove-stack.js";
import { STACK_BIN } from "../support/run-stack.js";

const yaml = `
services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app
          ignore: ["*.tmp", "cache/"]
        - path: ./conf
          action: sync+restart
          target: /etc/conf
        - path: ./hook
          action: sync+exec
          target: /hook
          exec:
            command: ["sh", "-c", "cat /hook/* > /tmp/exec-ran"]
`;

type Watcher = ChildProcessByStdio<null, Readable, Readable> & { out: () => string; err: () => string };
const running: Watcher[] = [];
/** Stacks whose images a test built, with the images (tags and the ids a rebuild left behind). */
const built: { stack: string; images: string[] }[] = [];
afterEach(async () => {
  // A failed test must not leave its watcher running against a removed stack.
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const { stack, images } of built.splice(0)) {
    // Its containers first: an image a container still uses cannot be removed.
    await removeStackFromEngine(stack);
    for (const image of images) {
      try {
        docker("rmi", "-f", image);
      } catch {
        // Already gone with its tag.
      }
    }
  }
});

function startWatch(dir: string, args: string[]): Watcher {
  const child = spawn(process.execPath, [STACK_BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  }) as Watcher;
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  child.out = () => stdout;
  child.err = () => stderr;
  running.push(child);
  return child;
}

/** Polls until `check` holds, failing with what the watcher said after `timeoutMs`. */
async function until(
  what: string,
  check: () => boolean,
  watcher: Watcher,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (watcher.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `${what}: not so after ${timeoutMs} ms (watcher exit ${watcher.exitCode})\n--- stdout\n${watcher.out()}\n--- stderr\n${watcher.err()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `cat` of a file in the container; `undefined` when it is not there. */
function readIn(container: string, file: string): string | undefined {
  try {
    return docker("exec", container, "cat", file);
  } catch {
    return undefined;
  }
}

async function exitOf(child: Watcher): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("stack watch", () => {
  it("applies, then syncs changes and deletions, skips ignored files, restarts on sync+restart, exits 0 on Ctrl-C", async () => {
    const stack = e2eStack("watch", yaml);
    mkdirSync(join(stack.dir, "src"));
    mkdirSync(join(stack.dir, "conf"));
    mkdirSync(join(stack.dir, "hook"));
    const container = `${stack.name}-web-1`;
    const watcher = startWatch(stack.dir, ["-n", stack.name, "watch"]);
    await until(
      "the watcher is ready",
      () => watcher.err().includes("Watching 3 paths for service web"),
      watcher,
      60_000,
    );
    expect(inspectContainer(container).State.Running).toBe(true);

    writeFileSync(join(stack.dir, "src", "hello.txt"), "v1");
    await until("hello.txt is synced", () => readIn(container, "/app/hello.txt") === "v1", watcher);
    writeFileSync(join(stack.dir, "src", "hello.txt"), "v2");
    await until("the change is synced", () => readIn(container, "/app/hello.txt") === "v2", watcher);
    mkdirSync(join(stack.dir, "src", "sub", "deep"), { recursive: true });
    writeFileSync(join(stack.dir, "src", "sub", "deep", "nested.txt"), "nested");
    await until(
      "a new directory's file is synced",
      () => readIn(container, "/app/sub/deep/nested.txt") === "nested",
      watcher,
    );

    // The ignored files are written first: once the later file arrived, they had their chance.
    writeFileSync(join(stack.dir, "src", "skip.tmp"), "no");
    mkdirSync(join(stack.dir, "src", "cache"));
    writeFileSync(join(stack.dir, "src", "cache", "c.txt"), "no");
    writeFileSync(join(stack.dir, "src", "after.txt"), "after");
    await until("after.txt is synced", () => readIn(container, "/app/after.txt") === "after", watcher);
    expect(readIn(container, "/app/skip.tmp")).toBeUndefined();
    expect(readIn(container, "/app/cache/c.txt")).toBeUndefined();

    rmSync(join(stack.dir, "src", "hello.txt"));
    await until("hello.txt is deleted", () => readIn(container, "/app/hello.txt") === undefined, watcher);
    expect(readIn(container, "/app/after.txt")).toBe("after");

    const startedAt = inspectContainer(container).State.StartedAt;
    writeFileSync(join(stack.dir, "conf", "app.conf"), "level=debug");
    await until(
      "app.conf is synced and the container restarted",
      () =>
        readIn(container, "/etc/conf/app.conf") === "level=debug" &&
        inspectContainer(container).State.StartedAt !== startedAt,
      watcher,
    );
    expect(inspectContainer(container).State.Running).toBe(true);

    writeFileSync(join(stack.dir, "hook", "h.txt"), "hooked");
    await until(
      "the exec ran after the sync",
      () => readIn(container, "/tmp/exec-ran") === "hooked",
      watcher,
    );

    watcher.kill("SIGINT");
    expect(await exitOf(watcher)).toBe(0);
    const stderr = watcher.err();
    expect(stderr).toContain("Syncing service web: 1 file → /app");
    expect(stderr).toContain("Syncing service web: 1 deletion → /app");
    expect(stderr).toContain("Syncing service web: 1 file → /etc/conf");
    expect(stderr).toContain(`Restarting service web: ${container}`);
    expect(stderr).toContain("Running in service web: sh -c cat /hook/* > /tmp/exec-ran");
    expect(stderr).toContain("Stopped watching.");
    expect(stderr).not.toContain("skip.tmp");
  }, 120_000);

  it("--no-up leaves the engine alone at the start; --json prints one event a line on stdout", async () => {
    const stack = e2eStack("watchjson", yaml);
    mkdirSync(join(stack.dir, "src"));
    mkdirSync(join(stack.dir, "conf"));
    mkdirSync(join(stack.dir, "hook"));
    await stack.ok(["apply", "-y"]);
    const container = `${stack.name}-web-1`;
    const id = inspectContainer(container).Id;
    const watcher = startWatch(stack.dir, ["-n", stack.name, "--json", "watch", "--no-up", "web"]);
    await until("the watcher is ready", () => watcher.out().includes('"action":"watching"'), watcher, 60_000);
    writeFileSync(join(stack.dir, "src", "one.txt"), "1");
    await until("one.txt is synced", () => readIn(container, "/app/one.txt") === "1", watcher);
    await until("the sync event is printed", () => watcher.out().includes('"action":"sync"'), watcher);
    watcher.kill("SIGINT");
    expect(await exitOf(watcher)).toBe(0);
    const events = watcher
      .out()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => e.action)).toEqual(["watching", "sync", "stopped"]);
    expect(events[1]).toMatchObject({
      service: "web",
      target: "/app",
      copied: ["one.txt"],
      deleted: [],
      containers: [container],
    });
    expect(inspectContainer(container).Id).toBe(id);
  }, 120_000);

  it("rebuilds on a rebuild rule: a new image, the container replaced and serving the new content, and the watch goes on", async () => {
    const stack = e2eStack(
      "watchbuild",
      `
services:
  web:
    build: ./app
    init: true
    command: sleep 3600
    # A quick rollout: what is under test is the rebuild, not the gate and drain.
    deploy: { update_config: { order: stop-first, monitor: 0s } }
    x-stackform: { drain: 0s }
    develop:
      watch:
        - path: ./app/content
          action: rebuild
`,
    );
    mkdirSync(join(stack.dir, "app", "content"), { recursive: true });
    writeFileSync(join(stack.dir, "app", "Dockerfile"), `FROM ${TEST_IMAGE}\nCOPY content /content\n`);
    const greeting = join(stack.dir, "app", "content", "greeting.txt");
    writeFileSync(greeting, "v1");
    const image = `${stack.name}-web`;
    const images = [image];
    built.push({ stack: stack.name, images });
    const container = `${stack.name}-web-1`;
    const state = () => {
      const [id = "", imageId = ""] = docker(
        "inspect",
        "--type",
        "container",
        "-f",
        "{{.Id}} {{.Image}}",
        container,
      ).split(" ");
      if (!images.includes(imageId)) images.push(imageId);
      return { id, image: imageId };
    };

    const watcher = startWatch(stack.dir, ["-n", stack.name, "watch"]);
    await until("the watcher is ready", () => watcher.err().includes("for service web"), watcher, 60_000);
    expect(readIn(container, "/content/greeting.txt")).toBe("v1");
    const first = state();

    writeFileSync(greeting, "v2");
    await until("v2 is built and served", () => readIn(container, "/content/greeting.txt") === "v2", watcher);
    const second = state();
    expect(second.image).not.toBe(first.image);
    expect(second.id).not.toBe(first.id);
    expect(second.image).toBe(docker("image", "inspect", "-f", "{{.Id}}", image));

    // Still watching: the next edit rebuilds again.
    writeFileSync(greeting, "v3");
    await until("v3 is built and served", () => readIn(container, "/content/greeting.txt") === "v3", watcher);
    expect(state().image).not.toBe(second.image);

    watcher.kill("SIGINT");
    expect(await exitOf(watcher)).toBe(0);
    expect(watcher.err().match(/Rebuilding service web/g)).toHaveLength(2);
  }, 120_000);

  it("refuses a watched path that does not exist before applying anything", async () => {
    const stack = e2eStack("watchmissing", yaml);
    mkdirSync(join(stack.dir, "src"));
    const result = await stack.ok(["watch"], 1);
    expect(result.stderr).toContain(`cannot watch ${join(stack.dir, "conf")} (service web)`);
    expect(docker("ps", "-a", "-q", "--filter", `label=dev.stackform.stack=${stack.name}`)).toBe("");
  });
});
