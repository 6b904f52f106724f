import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { containerIds, exists } from "./support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "./support/e2e-stack.js";

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
});
