import { describe, expect, it } from "vitest";
import { docker } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { uniqueIpv6Prefix } from "../support/ipv6-prefix.js";

const prefix = uniqueIpv6Prefix("5e");

const stackFile = (host: string) => `services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    volumes:
      # This host's mounts are private: shared and slave propagation would be refused by the engine.
      - ./data:/data:private
      - { type: bind, source: ., target: /project, bind: { propagation: rprivate } }
      # No SELinux here: the engine accepts the relabel and does nothing, which is enough to read it back.
      - { type: bind, source: ., target: /labelled, read_only: true, bind: { selinux: z } }
    networks:
      v6:
        ipv6_address: ${prefix}:${host}
        link_local_ips: [169.254.77.7]
        driver_opts: { com.example.endpoint: "on" }
        # Above back's, so v6 is the network the container is created on although back sorts first.
        priority: 10
      back: { priority: 1 }
networks:
  back: {}
  v6:
    enable_ipv6: true
    ipam:
      config:
        - subnet: ${prefix}:/64
`;

const inspect = (container: string, format: string) => docker("inspect", container, "--format", format);

describe("endpoint settings and bind propagation on the engine", () => {
  it("creates them, plans no changes, and reconnects in place when ipv6_address changes", async () => {
    const stack = e2eStack("endpoint", stackFile("10"));
    const network = `${stack.name}_v6`;
    const container = `${stack.name}-web-1`;
    const endpoint = `(index .NetworkSettings.Networks "${network}")`;
    await stack.ok(["apply", "-y"]);

    expect(inspect(container, `{{${endpoint}.GlobalIPv6Address}}`)).toBe(`${prefix}:10`);
    expect(inspect(container, `{{json ${endpoint}.IPAMConfig.LinkLocalIPs}}`)).toBe('["169.254.77.7"]');
    expect(inspect(container, `{{json ${endpoint}.DriverOpts}}`)).toBe('{"com.example.endpoint":"on"}');
    expect(docker("exec", container, "ip", "addr")).toContain("inet 169.254.77.7/16");
    expect(
      inspect(container, "{{range .Mounts}}{{.Destination}}={{.Propagation}} {{end}}").split(" "),
    ).toEqual(expect.arrayContaining(["/data=private", "/project=rprivate"]));
    expect(inspect(container, "{{json .HostConfig.Binds}}")).toContain(":/data:rw,private");
    expect(inspect(container, "{{json .HostConfig.Binds}}")).toContain(":/labelled:ro,z");
    expect(inspect(container, "{{json .HostConfig.Mounts}}")).toContain(
      '"BindOptions":{"Propagation":"rprivate"}',
    );
    expect(inspect(container, "{{.HostConfig.NetworkMode}}")).toBe(network);
    const id = inspect(container, "{{.Id}}");
    await stack.ok(["plan", "--detailed-exitcode"]);

    stack.write(stackFile("11"));
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain("~ service web  # ipv6_address on network v6 differs");
    expect(plan.stdout).toContain(`~ networks.v6.ipv6_address: "${prefix}:10" → "${prefix}:11"`);
    await stack.ok(["apply", "-y"]);
    expect(inspect(container, `{{${endpoint}.GlobalIPv6Address}}`)).toBe(`${prefix}:11`);
    expect(inspect(container, `{{json ${endpoint}.DriverOpts}}`)).toBe('{"com.example.endpoint":"on"}');
    // Reconnected, not replaced.
    expect(inspect(container, "{{.Id}}")).toBe(id);
    await stack.ok(["plan", "--detailed-exitcode"]);
  });
});
