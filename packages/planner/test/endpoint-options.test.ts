import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { human, observedFromDesired } from "./builders.js";
import { desiredLoader } from "./desired-loader.js";

const desired = desiredLoader("endpoint-options");

// An absolute host path: each stack text is loaded from a folder of its own.
const file = (endpoint: string, mount = "/srv/data:/data:rshared") => `
name: app
services:
  web:
    image: stackform-test/busybox:1
    command: ["sleep", "3600"]
    volumes: ["${mount}"]
    networks:
      v6:
${endpoint}      back:
        priority: 5
networks:
  back: {}
  v6:
    enable_ipv6: true
    ipam:
      config:
        - subnet: 172.31.29.0/24
        - subnet: fd00:5f:29::/64
`;

const V6 = `        ipv6_address: fd00:5f:29::10
        link_local_ips: [169.254.9.9]
        driver_opts: { com.example.k: v }
        priority: 10
`;

const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

describe("endpoint settings of a service's network", () => {
  it("are sent at create on the highest-priority network, and shown in the plan", async () => {
    const stack = await desired(file(V6));
    const created = plan(stack, empty);
    const create = created.operations.find((op) => op.kind === "createContainer");
    expect(create?.kind === "createContainer" && create.spec.networkMode).toBe("app_v6");
    expect(create?.kind === "createContainer" && create.spec.networks).toEqual([
      {
        network: "app_v6",
        aliases: ["web"],
        ipv6Address: "fd00:5f:29::10",
        linkLocalIps: ["169.254.9.9"],
        driverOpts: { "com.example.k": "v" },
      },
      { network: "app_back", aliases: ["web"] },
    ]);
    const fields = created.changes.find((c) => c.resource === "service web")?.fields ?? [];
    expect(fields.find((f) => f.path === "networks.v6")?.after).toEqual({
      ipv6_address: "fd00:5f:29::10",
      link_local_ips: ["169.254.9.9"],
      driver_opts: { "com.example.k": "v" },
    });
    expect(fields.find((f) => f.path === "volumes[/data]")?.after).toContain(":rshared");
  });

  it("equal to the live endpoint: no changes", async () => {
    const stack = await desired(file(V6));
    expect(plan(stack, observedFromDesired(stack)).operations).toEqual([]);
  });

  it("a changed ipv6_address is a field change that reconnects in place", async () => {
    const before = await desired(file(V6));
    const after = await desired(file(V6.replace("::10", "::11")));
    const p = plan(after, observedFromDesired(before));
    expect(human(p)).toContain(`  ~ service web  # ipv6_address on network v6 differs
      ~ networks.v6.ipv6_address: "fd00:5f:29::10" → "fd00:5f:29::11"
`);
    expect(p.operations.map((op) => op.kind).sort()).toEqual(["connectNetwork", "disconnectNetwork"]);
    expect(p.operations.find((op) => op.kind === "connectNetwork")).toMatchObject({
      network: "app_v6",
      ipv6Address: "fd00:5f:29::11",
      linkLocalIps: ["169.254.9.9"],
      driverOpts: { "com.example.k": "v" },
    });
  });

  it("removed driver_opts and link_local_ips are each a field change", async () => {
    const before = await desired(file(V6));
    const after = await desired(file("        ipv6_address: fd00:5f:29::10\n"));
    const fields = plan(after, observedFromDesired(before)).changes.flatMap((c) => c.fields);
    expect(fields.map((f) => [f.path, f.before, f.after, f.forcesReplace])).toEqual([
      ["networks.v6.link_local_ips", ["169.254.9.9"], undefined, false],
      ["networks.v6.driver_opts", { "com.example.k": "v" }, undefined, false],
    ]);
  });

  it("a changed bind propagation forces a new container, and says so", async () => {
    const before = await desired(file(V6));
    const after = await desired(file(V6, "/srv/data:/data:rslave"));
    const text = human(plan(after, observedFromDesired(before)));
    expect(text).toContain(
      '~ volumes[/data]: "bind /srv/data:rshared" → "bind /srv/data:rslave" (forces new container)',
    );
  });

  it("without the new keys, an attachment and its create are as they were", async () => {
    const stack = await desired(file(""));
    const create = plan(stack, empty).operations.find((op) => op.kind === "createContainer");
    // `back` has priority 5 and v6 none: back is first.
    expect(create?.kind === "createContainer" && create.spec.networks).toEqual([
      { network: "app_back", aliases: ["web"] },
      { network: "app_v6", aliases: ["web"] },
    ]);
  });
});
