import { describe, expect, it } from "vitest";
import { containersOf, docker, exists } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const HOOK_SECRET = "hook-token-5f1c9e-value";

const yaml = (marker: string) => `
services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    volumes: [data:/data]
    environment:
      WHO: web
    post_start:
      - command: ["sh", "-c", "echo $$WHO > /tmp/${marker} && echo started $$API_TOKEN"]
        environment:
          API_TOKEN: ${HOOK_SECRET}
      - command: touch /tmp/second
        working_dir: /tmp
    pre_stop:
      - command: ["sh", "-c", "echo bye > /data/bye"]
volumes:
  data: {}
`;

describe("lifecycle hooks", () => {
  it("post_start runs in the container after apply; changing a hook recreates nothing; pre_stop runs before destroy", async () => {
    const stack = e2eStack("hooks", yaml("started"));
    const container = `${stack.name}-web-1`;
    const applied = await stack.ok(["apply", "-y", "--progress", "json"]);
    // The hook's output is a progress event (the JSON lines asked for), its secret scrubbed.
    const events = applied.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { type: string; id: string; message?: string });
    expect(events).toContainEqual({
      type: "progress",
      id: `start:${container}`,
      message: "post_start[0]: started (sensitive)",
    });
    expect(`${applied.stdout}${applied.stderr}`).not.toContain(HOOK_SECRET);
    expect(docker("exec", container, "cat", "/tmp/started")).toBe("web");
    expect(docker("exec", container, "ls", "/tmp/second")).toBe("/tmp/second");

    const plan = await stack.ok(["plan", "--json"]);
    expect(plan.stdout).not.toContain(HOOK_SECRET);
    const id = docker("inspect", "--format", "{{.Id}}", container);
    stack.write(yaml("ready"));
    const edited = await stack.ok(["plan", "--detailed-exitcode"]);
    expect(edited.stdout).toContain("No changes");
    await stack.ok(["apply", "-y"]);
    expect(docker("inspect", "--format", "{{.Id}}", container)).toBe(id);

    // Day-2 commands run them too: stop runs pre_stop, start runs post_start again.
    docker("exec", container, "rm", "/tmp/second");
    await stack.ok(["stop", "web"]);
    expect(docker("run", "--rm", "-v", `${stack.name}_data:/data`, TEST_IMAGE, "cat", "/data/bye")).toBe(
      "bye",
    );
    docker("run", "--rm", "-v", `${stack.name}_data:/data`, TEST_IMAGE, "rm", "/data/bye");
    const started = await stack.ok(["start", "web"]);
    expect(started.stdout).toBe(`${container}\n`);
    expect(docker("exec", container, "ls", "/tmp/second")).toBe("/tmp/second");

    // restart: pre_stop, then post_start once it runs again.
    docker("exec", container, "rm", "/tmp/second");
    await stack.ok(["restart", "web"]);
    expect(docker("run", "--rm", "-v", `${stack.name}_data:/data`, TEST_IMAGE, "cat", "/data/bye")).toBe(
      "bye",
    );
    docker("run", "--rm", "-v", `${stack.name}_data:/data`, TEST_IMAGE, "rm", "/data/bye");
    expect(docker("exec", container, "ls", "/tmp/second")).toBe("/tmp/second");

    await stack.ok(["destroy", "-y"]);
    expect(exists("container", container)).toBe(false);
    const volume = `${stack.name}_data`;
    const reader = `${stack.name}-reader`;
    try {
      expect(docker("run", "--name", reader, "-v", `${volume}:/data`, TEST_IMAGE, "cat", "/data/bye")).toBe(
        "bye",
      );
    } finally {
      docker("rm", "-f", reader);
    }
  });

  it("a failing post_start hook fails apply with the service, hook, exit code and its output", async () => {
    const stack = e2eStack(
      "hookfail",
      `
services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    post_start:
      - command: ["sh", "-c", "echo cannot migrate >&2; exit 7"]
`,
    );
    const result = await stack.ok(["apply", "-y"], 1);
    expect(result.stderr).toContain("post_start[0] hook of service web");
    expect(result.stderr).toContain("exited with code 7");
    expect(result.stderr).toContain("cannot migrate");
    // As in Compose, the container is left running; only the apply reports the failure.
    expect(docker("inspect", "--format", "{{.State.Running}}", `${stack.name}-web-1`)).toBe("true");
  });

  it("a replacement whose post_start hook fails is rolled back: the old container keeps serving", async () => {
    const service = (sleep: string, hook: string) => `
services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep ${sleep}
    post_start:
      - command: ["sh", "-c", "${hook}"]
`;
    const stack = e2eStack("hookroll", service("3600", "true"));
    await stack.ok(["apply", "-y"]);
    const container = `${stack.name}-web-1`;
    const id = docker("inspect", "--format", "{{.Id}}", container);
    stack.write(service("3601", "exit 9"));
    const result = await stack.ok(["apply", "-y"], 1);
    expect(`${result.stdout}${result.stderr}`).toContain("exited with code 9");
    expect(docker("inspect", "--format", "{{.Id}} {{.State.Running}}", container)).toBe(`${id} true`);
    expect(containersOf(stack.name)).toEqual([container]);
  });

  it("a failing pre_stop hook is a warning and the container still stops", async () => {
    const stack = e2eStack(
      "hookstop",
      `
services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    pre_stop:
      - command: ["sh", "-c", "exit 4"]
`,
    );
    await stack.ok(["apply", "-y"]);
    const result = await stack.ok(["destroy", "-y", "--progress", "plain"]);
    expect(result.stderr).toContain(
      "warning: pre_stop[0] hook of service web (sh -c exit 4) exited with code 4",
    );
    expect(result.stderr).toContain("stopping anyway");
    expect(exists("container", `${stack.name}-web-1`)).toBe(false);
  });
});
