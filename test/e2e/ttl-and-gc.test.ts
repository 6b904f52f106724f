import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { containerIds, containersOf, exists, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const service = `
services:
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    volumes: [data:/data]
volumes:
  data: {}
`;

interface Listed {
  name: string;
  owner: string | null;
  expires_at: string | null;
  expired: boolean;
  running: number;
}

/** Ephemeral environments: `apply --ttl` labels, `ls` shows, `gc` removes exactly the expired. */
describe("stack ls and stack gc", () => {
  it("destroys exactly the expired stacks, keeping their volumes, and lists the rest with owner and expiry", async () => {
    const owner = { STACK_OWNER: "pr-42" };
    const expiredA = e2eStack("gc-old", service);
    const expiredB = e2eStack("gc-old", service);
    const fresh = e2eStack("gc-fresh", service);
    const forever = e2eStack("gc-keep", service);
    await expiredA.ok(["apply", "-y", "--ttl", "1s"], 0, owner);
    await expiredB.ok(["apply", "-y", "--ttl", "1s"], 0, owner);
    await fresh.ok(["apply", "-y", "--ttl", "1h"], 0, owner);
    await forever.ok(["apply", "-y"]);
    await sleep(1500);

    const listed = JSON.parse((await forever.ok(["ls", "--json"])).stdout) as {
      engine: string;
      stacks: Listed[];
    };
    expect(listed.engine).toMatch(/^unix:\/\//);
    const byName = new Map(listed.stacks.map((s) => [s.name, s]));
    expect(byName.get(expiredA.name)).toMatchObject({ owner: "pr-42", expired: true, running: 1 });
    expect(byName.get(fresh.name)).toMatchObject({ owner: "pr-42", expired: false });
    expect(byName.get(forever.name)).toMatchObject({ owner: null, expires_at: null, expired: false });

    const dry = JSON.parse((await forever.ok(["gc", "--dry-run", "--json"])).stdout) as { expired: string[] };
    expect(dry.expired.sort()).toEqual([expiredA.name, expiredB.name].sort());
    expect(Object.keys(containerIds(expiredA.name))).toHaveLength(1);

    await forever.ok(["gc", "-y"]);
    expect(containerIds(expiredA.name)).toEqual({});
    expect(containerIds(expiredB.name)).toEqual({});
    expect(exists("volume", `${expiredA.name}_data`)).toBe(true); // data stays without --volumes
    expect(Object.keys(containerIds(fresh.name))).toHaveLength(1);
    expect(Object.keys(containerIds(forever.name))).toHaveLength(1);

    const after = JSON.parse((await forever.ok(["ls", "--json"])).stdout) as { stacks: Listed[] };
    const names = after.stacks.map((s) => s.name);
    expect(names).toContain(fresh.name);
    expect(names).toContain(forever.name);
    // Its kept volume still names the stack; its expiry went with the rest.
    expect(after.stacks.find((s) => s.name === expiredB.name)).toMatchObject({
      running: 0,
      expires_at: null,
    });
    const second = await forever.ok(["gc", "-y"]);
    expect(second.stderr).toContain("No expired stacks");
  });

  it("gc --volumes removes an expired stack's volumes, named and anonymous, and lists them in --json", async () => {
    const stack = e2eStack(
      "gc-vol",
      `services:\n  app:\n    image: ${TEST_IMAGE}\n    command: sleep 3600\n    volumes: ["/cache", "data:/data"]\nvolumes:\n  data: {}\n`,
    );
    await stack.ok(["apply", "-y", "--ttl", "1s"]);
    const volumes = inspectContainer(`${stack.name}-app-1`)
      .Mounts.map((m) => m.Name ?? "")
      .filter(Boolean);
    expect(volumes).toHaveLength(2);
    await sleep(1500);
    const result = await stack.ok(["--json", "gc", "-y", "--volumes"]);
    // One JSON line per stack destroyed (other expired stacks on a shared engine may be among them).
    const lines = result.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { stack: string; volumes: { removed: string[] } });
    const ours = lines.find((d) => d.stack === stack.name);
    expect(ours?.volumes.removed).toEqual([...volumes].sort());
    for (const volume of volumes) expect(exists("volume", volume)).toBe(false);
    // Other expired stacks on a shared engine may be destroyed too; none of that is this test's.
    expect(containersOf(stack.name)).toEqual([]);
  });
});
