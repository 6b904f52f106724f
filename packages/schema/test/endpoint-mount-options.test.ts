import { describe, expect, test } from "vitest";
import { renderCompose } from "../src/index.js";
import { textLoader } from "./text-loader.js";

const load = textLoader("endpoint-mount-options");

const NETWORKS = `networks:
  v6:
    enable_ipv6: true
    ipam:
      config:
        - subnet: 172.31.19.0/24
        - subnet: fd00:5f:19::/64
  back: {}
`;

const service = (body: string) => `services:
  web:
    image: x
${body}${NETWORKS}`;

describe("services.*.networks.* endpoint settings", () => {
  test("ipv6_address, link_local_ips, driver_opts and priority are normalised and written back", async () => {
    const { stack, diagnostics } = await load(
      service(`    networks:
      v6:
        ipv6_address: fd00:5f:19::10
        link_local_ips: [169.254.8.8]
        driver_opts: { com.example.mtu: 1400, com.example.a: "x" }
        priority: 10
      back: {}
`),
    );
    expect(diagnostics).toEqual([]);
    expect(stack?.services.web?.networks.v6).toEqual({
      aliases: [],
      ipv6Address: "fd00:5f:19::10",
      linkLocalIps: ["169.254.8.8"],
      driverOpts: { "com.example.a": "x", "com.example.mtu": "1400" },
      priority: 10,
    });
    expect(stack?.services.web?.networks.back).toEqual({ aliases: [] });
    const written = renderCompose(stack!, "yaml");
    expect(written).toContain("ipv6_address: fd00:5f:19::10");
    const again = await load(written);
    expect(again.diagnostics).toEqual([]);
    expect(again.stack?.services.web?.networks).toEqual(stack?.services.web?.networks);
  });

  test.each([
    ["mac_address", '"02:42:ac:11:00:09"', /Engine API 1\.44 \(Docker 25\); Stackform speaks 1\.41/],
    ["gw_priority", "1", /Engine API 1\.48 \(Docker 28\); Stackform speaks 1\.41/],
    ["interface_name", "eth7", /Engine API 1\.49 .*Stackform speaks 1\.41/],
  ])("%s is rejected at its key with the API version it needs", async (key, value, reason) => {
    const { stack, diagnostics } = await load(
      service(`    networks:\n      back:\n        ${key}: ${value}\n`),
    );
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "unsupported-key",
        line: 6,
        column: 9,
        hint: expect.stringMatching(reason),
      }),
    ]);
  });

  test("a link-local address must be a list, with its position", async () => {
    const { stack, diagnostics } = await load(
      service("    networks:\n      back:\n        link_local_ips: 169.254.8.8\n"),
    );
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", line: 6 })]);
  });
});

describe("services.*.ports[] metadata", () => {
  test("name and app_protocol are kept and written back", async () => {
    const { stack, diagnostics } = await load(
      service("    ports:\n      - { target: 80, published: 8080, name: web, app_protocol: http }\n"),
    );
    expect(diagnostics).toEqual([]);
    expect(stack?.services.web?.ports).toEqual([
      { target: 80, published: 8080, protocol: "tcp", name: "web", appProtocol: "http" },
    ]);
    const written = renderCompose(stack!, "yaml");
    expect(written).toContain("app_protocol: http");
    expect((await load(written)).stack?.services.web?.ports).toEqual(stack?.services.web?.ports);
  });
});

describe("services.*.volumes[] bind and volume options", () => {
  test("propagation and selinux in the long and the short syntax", async () => {
    const { stack, diagnostics } = await load(
      service(`    volumes:
      - { type: bind, source: ./a, target: /a, bind: { propagation: rshared, selinux: z } }
      - ./b:/b:ro,rslave
      - ./c:/c:Z
`),
    );
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const mounts = stack?.services.web?.mounts ?? [];
    expect(mounts).toEqual([
      expect.objectContaining({ target: "/a", propagation: "rshared", selinux: "z", createHostPath: false }),
      expect.objectContaining({ target: "/b", propagation: "rslave", readOnly: true, createHostPath: true }),
      expect.objectContaining({ target: "/c", selinux: "Z", createHostPath: true }),
    ]);
    expect(mounts[2]).not.toHaveProperty("propagation");
    // Only the long-form bind that says no to creating its host path is warned about.
    expect(diagnostics.filter((d) => d.code === "selinux-creates-host-path")).toEqual([
      expect.objectContaining({
        severity: "warning",
        path: ["services", "web", "volumes", 0, "bind", "selinux"],
      }),
    ]);
    const again = await load(renderCompose(stack!, "yaml"));
    expect(again.stack?.services.web?.mounts).toEqual(mounts.map((m) => ({ ...m })));
  });

  test("labels on a volume mount are normalised from a list or a map", async () => {
    const { stack, diagnostics } = await load(
      service(
        "    volumes:\n      - { type: volume, target: /data, volume: { labels: [team=core, tier=db] } }\n",
      ),
    );
    expect(diagnostics).toEqual([]);
    expect(stack?.services.web?.mounts).toEqual([
      {
        type: "volume",
        target: "/data",
        readOnly: false,
        noCopy: false,
        labels: { team: "core", tier: "db" },
      },
    ]);
  });

  test.each([
    ["./b:/b:rshared,rslave", /rshared and rslave/],
    ["/b:rshared", /applies to bind mounts only/],
    ["./b:/b:sideways", /not a volume mode/],
  ])("the short syntax %s is refused", async (entry, message) => {
    const { stack, diagnostics } = await load(service(`    volumes: ["${entry}"]\n`));
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: "error", line: 4, message: expect.stringMatching(message) }),
    ]);
  });

  test.each([
    ["bind", "recursive: disabled", /Engine API 1\.44 \(Docker 25\)/],
    ["volume", "subpath: sub", /Engine API 1\.45 \(Docker 26\)/],
  ])("%s.%s is rejected with the API version it needs", async (type, option, reason) => {
    const { stack, diagnostics } = await load(
      service(`    volumes:\n      - { type: ${type}, source: ./a, target: /a, ${type}: { ${option} } }\n`),
    );
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "unsupported-key", hint: expect.stringMatching(reason) }),
    ]);
  });

  test("an image mount is rejected with the API version it needs", async () => {
    const { stack, diagnostics } = await load(
      service("    volumes:\n      - { type: bind, source: ./a, target: /a, image: { subpath: x } }\n"),
    );
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "unsupported-key", hint: expect.stringMatching(/Engine API 1\.48/) }),
    ]);
  });
});
