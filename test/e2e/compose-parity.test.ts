import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { docker, type InspectedContainer, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const yaml = `
services:
  web:
    image: ${TEST_IMAGE}
    entrypoint: ["/bin/busybox"]
    command: ["sleep", "3600"]
    environment:
      MODE: parity
      LIST: "a b c"
    user: nobody
    working_dir: /tmp
    healthcheck:
      test: ["CMD-SHELL", "true"]
      interval: 5s
      timeout: 2s
      retries: 4
      start_period: 1s
    ports:
      - "127.0.0.1:18181:8080"
      - "127.0.0.1:18182:9090/udp"
    volumes:
      - data:/data
      - ./config:/config:ro
    restart: on-failure:3
    mem_limit: 64m
    cpus: 0.5
    init: true
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    networks:
      front:
        aliases: [www]
      back: {}
networks:
  front: {}
  back: {}
volumes:
  data: {}
`;

/** The fields a user sees, with the project's name taken out so the two tools compare. */
function comparable(c: InspectedContainer, project: string) {
  const unproject = (s: string) => s.replaceAll(project, "PROJECT");
  const shortId = c.Id.slice(0, 12);
  return {
    image: c.Config.Image,
    cmd: c.Config.Cmd,
    entrypoint: c.Config.Entrypoint,
    env: [...(c.Config.Env ?? [])].sort(),
    user: c.Config.User,
    workingDir: c.Config.WorkingDir,
    healthcheck: c.Config.Healthcheck,
    ports: c.HostConfig.PortBindings,
    restart: c.HostConfig.RestartPolicy,
    memory: c.HostConfig.Memory,
    nanoCpus: c.HostConfig.NanoCpus,
    init: c.HostConfig.Init,
    capAdd: c.HostConfig.CapAdd,
    capDrop: c.HostConfig.CapDrop,
    mounts: c.Mounts.map((m) => ({
      type: m.Type,
      name: m.Name && unproject(m.Name),
      source: m.Type === "bind" ? m.Source : undefined,
      destination: m.Destination,
      rw: m.RW,
    })).sort((a, b) => a.destination.localeCompare(b.destination)),
    networks: Object.fromEntries(
      Object.entries(c.NetworkSettings.Networks)
        .map(([name, n]) => [unproject(name), (n.Aliases ?? []).filter((a) => a !== shortId).sort()] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}

describe("parity with Docker Compose", () => {
  it("creates the same container as docker-compose v1 from the same file, field by field", async () => {
    const stack = e2eStack("parity", yaml);
    mkdirSync(join(stack.dir, "config"));
    const compose = (...args: string[]) =>
      execFileSync("docker-compose", ["-p", `${stack.name}c`, "-f", join(stack.dir, "stack.yaml"), ...args], {
        cwd: stack.dir,
        stdio: "pipe",
      });

    let fromCompose: ReturnType<typeof comparable>;
    try {
      compose("up", "-d");
      fromCompose = comparable(inspectContainer(`${stack.name}c_web_1`), `${stack.name}c`);
    } finally {
      compose("down", "-v");
    }

    await stack.ok(["apply", "-y"]);
    const fromStackform = comparable(inspectContainer(`${stack.name}-web-1`), stack.name);
    expect(fromStackform).toEqual(fromCompose);
    expect(docker("inspect", "-f", "{{.State.Running}}", `${stack.name}-web-1`)).toBe("true");
  });
});
