import { describe, expect, test } from "vitest";
import { renderCompose } from "../src/index.js";
import { textLoader } from "./text-loader.js";

const load = textLoader("network-ipv6");

const withNetwork = (network: string) => `
services:
  web:
    image: x
    networks: [v6]
networks:
  v6:
${network}`;

describe("networks.*.enable_ipv6", () => {
  test("is normalised, warns of nothing with an IPv6 subnet, and `stack config` writes it back", async () => {
    const { stack, diagnostics } = await load(
      withNetwork(`    enable_ipv6: true
    ipam:
      config:
        - subnet: 172.31.9.0/24
        - subnet: fd00:5f:1::/64
`),
    );
    expect(diagnostics).toEqual([]);
    expect(stack?.networks.v6).toMatchObject({ enableIpv6: true, driver: "bridge" });
    const written = renderCompose(stack!, "yaml");
    expect(written).toContain("enable_ipv6: true");
    const again = await load(written);
    expect(again.stack?.networks.v6).toEqual(stack?.networks.v6);
  });

  test("is false when absent or false, and `stack config` leaves it out", async () => {
    for (const text of [withNetwork("    internal: true\n"), withNetwork("    enable_ipv6: false\n")]) {
      const { stack, diagnostics } = await load(text);
      expect(diagnostics).toEqual([]);
      expect(stack?.networks.v6?.enableIpv6).toBe(false);
      expect(renderCompose(stack!, "yaml")).not.toContain("enable_ipv6");
    }
  });

  test("without an IPv6 subnet is a warning at the key, naming the network and what to add", async () => {
    const { stack, diagnostics } = await load(
      withNetwork(`    enable_ipv6: true
    ipam: { config: [{ subnet: 172.31.9.0/24 }] }
`),
    );
    expect(stack?.networks.v6?.enableIpv6).toBe(true);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "ipv6-without-subnet",
        line: 8,
        column: 5,
        message: expect.stringContaining("network v6 sets enable_ipv6 but no IPv6 subnet"),
        hint: expect.stringContaining("networks.v6.ipam.config"),
      }),
    ]);
  });

  test("on an external network is the owner's business: no warning", async () => {
    const { diagnostics } = await load(withNetwork("    external: true\n    enable_ipv6: true\n"));
    expect(diagnostics).toEqual([]);
  });

  test("must be a boolean", async () => {
    const { stack, diagnostics } = await load(withNetwork('    enable_ipv6: "yes"\n'));
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", line: 8 })]);
  });
});

describe("keys the engine's API version or platform cannot honour", () => {
  test.each([
    [
      "networks.*.enable_ipv4",
      withNetwork("    enable_ipv4: false\n"),
      /Engine API 1\.47 \(Docker 27\); Stackform speaks 1\.41/,
    ],
    [
      "top-level models",
      "services: { web: { image: x } }\nmodels: { llm: { model: ai/smollm2 } }\n",
      /Docker Desktop feature/,
    ],
  ])("%s is rejected with its own reason", async (_, text, reason) => {
    const { stack, diagnostics } = await load(text);
    expect(stack).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "unsupported-key",
        hint: expect.stringMatching(reason),
      }),
    ]);
  });
});
