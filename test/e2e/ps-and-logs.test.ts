import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { STACK_BIN } from "../support/run-stack.js";

const yaml = `
services:
  talker:
    image: ${TEST_IMAGE}
    init: true
    command: ["sh", "-c", "echo first line; echo to stderr >&2; echo last line; while true; do echo tick; sleep 1; done"]
  quiet:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
`;

/** Operating a running stack: what runs, and what it says. */
describe("stack ps and stack logs", () => {
  it("lists each container with its service and state, as a table and as JSON", async () => {
    const stack = e2eStack("ps", yaml);
    await stack.ok(["apply", "-y", "--wait"]);
    const table = await stack.ok(["ps"]);
    expect(table.stdout).toMatch(new RegExp(`${stack.name}-talker-1\\s+talker\\s+running`));
    const json = JSON.parse((await stack.ok(["ps", "--json"])).stdout) as {
      containers: { service: string; state: string }[];
    };
    expect(json.containers.map((c) => `${c.service}:${c.state}`).sort()).toEqual([
      "quiet:running",
      "talker:running",
    ]);
  });

  it("prints stdout and stderr of the chosen service, prefixed, honours --tail, and follows until Ctrl-C", async () => {
    const stack = e2eStack("logs", yaml);
    await stack.ok(["apply", "-y", "--wait"]);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const all = await stack.ok(["logs", "talker"]);
    const prefix = `${stack.name}-talker-1 |`;
    expect(all.stdout).toContain(`${prefix} first line`);
    expect(all.stdout).toContain(`${prefix} to stderr`);
    expect(all.stdout).not.toContain("quiet");
    const tail = await stack.ok(["logs", "talker", "--tail", "1"]);
    expect(tail.stdout.trim().split("\n")).toHaveLength(1);
    const unknown = await stack.ok(["logs", "nosuch"], 1);
    expect(unknown.stderr).toContain("no containers for service nosuch");

    const follow = spawn(
      process.execPath,
      [STACK_BIN, "-n", stack.name, "logs", "-f", "--tail", "0", "talker"],
      {
        cwd: stack.dir,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let seen = "";
    follow.stdout.on("data", (chunk: Buffer) => (seen += chunk));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (seen.includes("tick")) {
          clearInterval(check);
          resolve();
        }
      }, 100);
    });
    follow.kill("SIGINT");
    const code = await new Promise((resolve) => follow.once("exit", resolve));
    expect(code).toBe(0);
  });
});
