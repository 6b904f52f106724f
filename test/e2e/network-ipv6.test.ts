import { describe, expect, it } from "vitest";
import { docker, exists } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { uniqueIpv6Prefix } from "../support/ipv6-prefix.js";

const prefix = uniqueIpv6Prefix("5f");

const withNetwork = (network: string) => `services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    networks: [v6]
networks:
  v6:
${network}`;
/** The container's global IPv6 address on the network, "" when it has none. */
const ipv6Of = (container: string, network: string) =>
  docker(
    "inspect",
    container,
    "--format",
    `{{(index .NetworkSettings.Networks "${network}").GlobalIPv6Address}}`,
  );

const IPV6 = withNetwork(`    enable_ipv6: true
    ipam:
      config:
        - subnet: ${prefix}:/64
`);

describe("networks.*.enable_ipv6 on the engine", () => {
  it("creates an IPv6 network, plans no changes on it, and replaces it when the key goes", async () => {
    const stack = e2eStack("ipv6", IPV6);
    const network = `${stack.name}_v6`;
    const container = `${stack.name}-web-1`;
    const created = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(created.stdout).toContain("enable_ipv6: true");
    await stack.ok(["apply", "-y"]);

    expect(docker("network", "inspect", network, "--format", "{{.EnableIPv6}}")).toBe("true");
    const address = ipv6Of(container, network);
    expect(address.startsWith(prefix)).toBe(true);
    expect(docker("exec", container, "ip", "-6", "addr", "show", "scope", "global")).toContain(
      `inet6 ${address}/64 scope global`,
    );
    await stack.ok(["plan", "--detailed-exitcode"]);

    stack.write(IPV6.replace("    enable_ipv6: true\n", ""));
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain("-/+ network v6  # enable_ipv6 changed");
    expect(plan.stdout).toContain("~ enable_ipv6: true → false (forces new network)");
    await stack.ok(["apply", "-y"]);
    expect(docker("network", "inspect", network, "--format", "{{.EnableIPv6}}")).toBe("false");
    expect(ipv6Of(container, network)).toBe("");
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("without an IPv6 subnet: a warning in the plan, and apply names the network and what to add", async () => {
    const stack = e2eStack("ipv6-nopool", withNetwork("    enable_ipv6: true\n"));
    const plan = await stack.ok(["plan"]);
    expect(plan.stderr).toContain("network v6 sets enable_ipv6 but no IPv6 subnet");
    expect(plan.stderr).toContain("stack.yaml:9:5: warning[ipv6-without-subnet]");

    const apply = await stack.run(["apply", "-y"]);
    expect(apply.code).toBe(1);
    // The failure itself says it, not only the loader's warning before it.
    expect(`${apply.stdout}${apply.stderr}`).toMatch(
      new RegExp(
        `cannot create network ${stack.name}_v6: enable_ipv6 is set but it has no IPv6 subnet.*; add one to networks\\.v6\\.ipam\\.config`,
      ),
    );
    expect(exists("network", `${stack.name}_v6`)).toBe(false);
  });
});
