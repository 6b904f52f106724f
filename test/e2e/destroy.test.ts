import { describe, expect, it } from "vitest";
import { exists } from "./support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "./support/e2e-stack.js";

const yaml = `
services:
  db:
    image: ${TEST_IMAGE}
    command: sleep 3600
    volumes: [data:/data]
    networks: [back]
networks:
  back: {}
volumes:
  data: {}
`;

describe("stack destroy", () => {
  it("removes containers and networks but keeps volume data without --volumes", async () => {
    const stack = e2eStack("destroy", yaml);
    await stack.ok(["apply", "-y"]);
    const result = await stack.ok(["destroy", "-y"]);
    expect(result.stderr).toMatch(/kept/i);
    expect(exists("container", `${stack.name}-db-1`)).toBe(false);
    expect(exists("network", `${stack.name}_back`)).toBe(false);
    expect(exists("volume", `${stack.name}_data`)).toBe(true);
  });

  it("deletes the volumes only with --volumes, and says so in words", async () => {
    const stack = e2eStack("destroyvol", yaml);
    await stack.ok(["apply", "-y"]);
    const result = await stack.ok(["destroy", "-y", "--volumes"]);
    expect(result.stderr).toContain(`data in volume ${stack.name}_data will be deleted`);
    expect(exists("volume", `${stack.name}_data`)).toBe(false);
  });

  it("does not wait one grace period after another for containers that ignore SIGTERM", async () => {
    // busybox sleep as PID 1 ignores SIGTERM, so each stop waits its full timeout (2 s here).
    const services = Array.from(
      { length: 4 },
      (_, i) => `  s${i}:\n    image: ${TEST_IMAGE}\n    command: sleep 3600\n    stop_grace_period: 2s\n`,
    ).join("");
    const stack = e2eStack("slowstop", `services:\n${services}`);
    await stack.ok(["apply", "-y"]);
    const started = Date.now();
    await stack.ok(["destroy", "-y"]);
    expect(Date.now() - started).toBeLessThan(4 * 2000);
  });

  it("refuses to destroy without confirmation when there is no terminal", async () => {
    const stack = e2eStack("confirm", yaml);
    await stack.ok(["apply", "-y"]);
    const result = await stack.ok(["destroy"], 1);
    expect(result.stderr).toContain("--yes");
    expect(exists("container", `${stack.name}-db-1`)).toBe(true);
  });
});
