import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { containerIds, docker, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { startFaultProxy } from "../support/fault-proxy.js";

const twoServices = `
services:
  a:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
  b:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
`;

/**
 * A fault-injecting proxy sits between the CLI and the engine. Each fault must give a message that
 * names the failing operation, leave what already ran alone, exit 1, and a re-run against the
 * healthy engine must converge.
 */
describe("engine faults", () => {
  it.each([
    ["a 500 answer", { kind: "status", status: 500, message: "injected: the engine fell over" } as const],
    ["a 409 conflict", { kind: "status", status: 409, message: "injected: conflict" } as const],
    ["a dropped connection", { kind: "drop" } as const],
  ])("reports %s on container create, keeps the rest, and a re-run converges", async (_label, fault) => {
    await using proxy = await startFaultProxy();
    const stack = e2eStack("fault", twoServices);
    // Only service a's create fails; service b must still be created.
    proxy.rules.push({
      method: "POST",
      path: /^\/containers\/create$/,
      query: new RegExp(`name=${stack.name}-a-1`),
      fault,
    });

    const failed = await stack.ok(["-H", proxy.host, "apply", "-y"], 1);
    expect(`${failed.stdout}${failed.stderr}`).toMatch(/creat/i);
    expect(failed.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const survivors = Object.keys(containerIds(stack.name));
    expect(survivors.length).toBe(1);

    await stack.ok(["apply", "-y"]);
    expect(Object.keys(containerIds(stack.name)).sort()).toEqual([`${stack.name}-a-1`, `${stack.name}-b-1`]);
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("gives up on an engine that stops answering, with a timeout message", async () => {
    await using proxy = await startFaultProxy();
    proxy.rules.push({ path: /^\/containers\/json$/, fault: { kind: "delay", ms: 60_000 } });
    const stack = e2eStack("hang", twoServices);
    const result = await stack.ok(["-H", proxy.host, "plan"], 1, { STACKFORM_ENGINE_TIMEOUT: "2s" });
    expect(result.stderr).toMatch(/time(d)? ?out/i);
    expect(containerIds(stack.name)).toEqual({});
  });

  it("says which port is already allocated", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const stack = e2eStack(
        "port",
        `services:\n  web:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n    ports: ["127.0.0.1:${port}:80"]\n`,
      );
      const result = await stack.ok(["apply", "-y"], 1);
      expect(result.stderr).toContain(String(port));
      expect(result.stderr).toMatch(/already (allocated|in use)/);
    } finally {
      blocker.close();
    }
  });

  it("names the container outside the stack that holds a host port, and the engine's words with --verbose", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const port = (blocker.address() as { port: number }).port;
    blocker.close();
    const foreign = `e2e-foreign-${randomBytes(3).toString("hex")}`;
    docker("run", "-d", "--name", foreign, "-p", `127.0.0.1:${port}:80`, TEST_IMAGE, "sleep", "3600");
    try {
      const stack = e2eStack(
        "portheld",
        `services:\n  web:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n    ports: ["127.0.0.1:${port}:80"]\n`,
      );
      const result = await stack.ok(["apply", "-y"], 1);
      const said = `${result.stdout}${result.stderr}`;
      expect(said).toContain(`host port 127.0.0.1:${port} is already in use, held by container ${foreign}`);
      expect(said).toContain(`publish=${port}`);
      expect(said).not.toContain("driver failed programming");
      await stack
        .ok(["apply", "-y"], 1)
        .then((again) => expect(again.stderr).not.toContain("port is already allocated"));
      const verbose = await stack.ok(["--verbose", "apply", "-y"], 1);
      expect(`${verbose.stdout}${verbose.stderr}`).toMatch(/the engine said: .*port is already allocated/);
    } finally {
      docker("rm", "-f", foreign);
    }
  });

  it("says a container outside the stack holds a service's name, and how to free it", async () => {
    const stack = e2eStack("nameheld", twoServices);
    const holder = docker("create", "--name", `${stack.name}-a-1`, TEST_IMAGE, "sleep", "3600");
    try {
      const result = await stack.ok(["apply", "-y"], 1);
      const said = `${result.stdout}${result.stderr}`;
      expect(said).toContain(
        `the name ${stack.name}-a-1 is already taken by another container, ${holder.slice(0, 12)} (image ${TEST_IMAGE}, made outside Stackform)`,
      );
      expect(said).toContain(`docker rm -f ${stack.name}-a-1`);
      expect(said).not.toContain("You have to remove (or rename)");
    } finally {
      docker("rm", "-f", holder);
    }
  });

  it("keeps the old container serving when its replacement cannot start", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => blocker.once("listening", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const web = `services:\n  web:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n`;
      const stack = e2eStack("restore", web);
      await stack.ok(["apply", "-y"]);
      const before = containerIds(stack.name);

      stack.write(`${web}    ports: ["127.0.0.1:${port}:80"]\n`);
      const result = await stack.ok(["apply", "-y"], 1);
      expect(result.stderr).toMatch(/already (allocated|in use)/);
      expect(result.stderr).toContain("rolled back: the old containers keep serving");
      expect(containerIds(stack.name)).toEqual(before);
      expect(inspectContainer(`${stack.name}-web-1`).State.Running).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it("says an image is missing and how to get it", async () => {
    const stack = e2eStack(
      "noimage",
      `services:\n  web:\n    image: stackform-test/does-not-exist:1\n    pull_policy: never\n`,
    );
    const result = await stack.ok(["apply", "-y"], 1);
    expect(result.stderr).toContain("stackform-test/does-not-exist:1");
    expect(result.stderr).toMatch(/build|pull|not found|missing/i);
  });

  it("says a container was killed for running out of memory", async () => {
    const stack = e2eStack(
      "oom",
      `services:\n  hog:\n    image: ${TEST_IMAGE}\n    mem_limit: 16m\n    memswap_limit: 16m\n    command: ["sh", "-c", "a=xxxxxxxxxxxxxxxx; while true; do a=$$a$$a; done"]\n    healthcheck: { test: ["CMD", "true"], interval: 2s }\n`,
    );
    const result = await stack.ok(["apply", "-y", "--wait", "--wait-timeout", "30s"], 1);
    expect(result.stderr).toMatch(/out of memory/i);
    expect(inspectContainer(`${stack.name}-hog-1`).State.OOMKilled).toBe(true);
  });

  it("names the service, the condition and the last check output when a healthcheck never passes", async () => {
    const stack = e2eStack(
      "unhealthy",
      `services:\n  db:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n    healthcheck: { test: ["CMD-SHELL", "echo db is not ready; exit 1"], interval: 500ms, retries: 2 }\n`,
    );
    const result = await stack.ok(["apply", "-y", "--wait", "--wait-timeout", "20s"], 1);
    expect(result.stderr).toContain("db");
    expect(result.stderr).toMatch(/healthy/);
    expect(result.stderr).toContain("db is not ready");
  });
});
