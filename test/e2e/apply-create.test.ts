import { describe, expect, it } from "vitest";
import { containerIds, exists, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const yaml = `
services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: ["sh", "-c", "mkdir -p /www && echo hi > /www/index.html && exec httpd -f -p 8080 -h /www"]
    networks: { front: { aliases: [www] }, back: {} }
    healthcheck: { test: ["CMD-SHELL", "nc -w 1 127.0.0.1 8080 </dev/null"], interval: 1s, retries: 30 }
  cache:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    networks: [back]
    volumes: [cache-data:/data]
    restart: unless-stopped
    mem_limit: 64m
networks:
  front: {}
  back: { internal: true }
volumes:
  cache-data: {}
`;

describe("stack apply on an empty engine", () => {
  it("creates every network, volume and container, running, and a second plan has no changes", async () => {
    const stack = e2eStack("create", yaml);
    await stack.ok(["apply", "-y", "--wait"]);

    expect(exists("network", `${stack.name}_front`)).toBe(true);
    expect(exists("network", `${stack.name}_back`)).toBe(true);
    expect(exists("volume", `${stack.name}_cache-data`)).toBe(true);
    const web = inspectContainer(`${stack.name}-web-1`);
    expect(web.State.Running).toBe(true);
    expect(web.State.Health?.Status).toBe("healthy");
    expect(web.NetworkSettings.Networks[`${stack.name}_front`]?.Aliases).toEqual(
      expect.arrayContaining(["www", "web"]),
    );
    const cache = inspectContainer(`${stack.name}-cache-1`);
    expect(cache.HostConfig.RestartPolicy.Name).toBe("unless-stopped");
    expect(cache.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(cache.Mounts.find((m) => m.Destination === "/data")?.Name).toBe(`${stack.name}_cache-data`);

    const plan = await stack.ok(["plan", "--detailed-exitcode"]);
    expect(plan.stdout).toContain("No changes");
  });

  it("re-applies an unchanged stack without recreating any container", async () => {
    const stack = e2eStack("noop", yaml);
    await stack.ok(["apply", "-y"]);
    const before = containerIds(stack.name);
    expect(Object.keys(before)).toHaveLength(2);

    const again = await stack.ok(["apply", "-y"]);
    expect(again.stdout).toContain("No changes");
    expect(containerIds(stack.name)).toEqual(before);
  });

  it("reports the plan as JSON with a format version and the engine it acts on", async () => {
    const stack = e2eStack("json", yaml);
    const result = await stack.ok(["plan", "--json", "--detailed-exitcode"], 2);
    const plan = JSON.parse(result.stdout) as { format_version: number; engine: string; changes: unknown[] };
    expect(plan.format_version).toBe(1);
    expect(plan.engine).toMatch(/^(unix|tcp|ssh):\/\//);
    expect(plan.changes.length).toBeGreaterThan(0);
  });
});
