import { describe, expect, it } from "vitest";
import { containerIds, docker, dockerBuild, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const yaml = `
services:
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    restart: always
    mem_limit: 32m
    networks: [back]
networks:
  back: {}
`;

/**
 * Each outside change is reported by plan (exit 2, with its cause) and repaired by apply with the
 * smallest operation: the container keeps its id wherever Docker can change it in place.
 */
describe("drift made outside Stackform", () => {
  async function applied(prefix: string) {
    const stack = e2eStack(prefix, yaml);
    await stack.ok(["apply", "-y"]);
    const container = `${stack.name}-app-1`;
    return { stack, container, id: containerIds(stack.name)[container] };
  }

  it("starts a container stopped with docker stop, without recreating it", async () => {
    const { stack, container, id } = await applied("stopped");
    docker("stop", "-t", "1", container);

    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain("stopped outside Stackform");
    await stack.ok(["apply", "-y"]);
    expect(inspectContainer(container).State.Running).toBe(true);
    expect(containerIds(stack.name)[container]).toBe(id);
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("restores a restart policy and memory limit changed with docker update, in place", async () => {
    const { stack, container, id } = await applied("update");
    docker("update", "--restart", "no", "--memory", "48m", "--memory-swap", "-1", container);

    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toMatch(/restart/);
    expect(plan.stdout).toMatch(/mem/i);
    await stack.ok(["apply", "-y"]);
    const after = inspectContainer(container);
    expect(after.HostConfig.RestartPolicy.Name).toBe("always");
    expect(after.HostConfig.Memory).toBe(32 * 1024 * 1024);
    expect(containerIds(stack.name)[container]).toBe(id);
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("reconnects a network removed with docker network disconnect, in place", async () => {
    const { stack, container, id } = await applied("disconnect");
    docker("network", "disconnect", `${stack.name}_back`, container);

    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain("not connected to network back");
    await stack.ok(["apply", "-y"]);
    expect(Object.keys(inspectContainer(container).NetworkSettings.Networks)).toContain(`${stack.name}_back`);
    expect(containerIds(stack.name)[container]).toBe(id);
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("recreates a container removed with docker rm", async () => {
    const { stack, container } = await applied("removed");
    docker("rm", "-f", container);

    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain("+ service app  # not on the engine");
    await stack.ok(["apply", "-y"]);
    expect(inspectContainer(container).State.Running).toBe(true);
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("replaces a container whose image tag now points to another image", async () => {
    const tag = `stackform-test/retag-${Date.now()}:1`;
    docker("tag", TEST_IMAGE, tag);
    const stack = e2eStack("retag", yaml.replace(TEST_IMAGE, tag));
    try {
      await stack.ok(["apply", "-y"]);
      const container = `${stack.name}-app-1`;
      const id = containerIds(stack.name)[container];
      // Another image under the same tag, as a later `docker build -t` or pull leaves it.
      dockerBuild(tag, `FROM ${TEST_IMAGE}\nLABEL retagged=${Date.now()}\n`);

      const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
      expect(plan.stdout).toContain(tag);
      await stack.ok(["apply", "-y"]);
      expect(containerIds(stack.name)[container]).not.toBe(id);
      expect(inspectContainer(container).Config.Labels.retagged).toBeDefined();
      await stack.ok(["plan", "--detailed-exitcode"]);
    } finally {
      await stack.ok(["destroy", "-y"]);
      docker("rmi", "-f", tag);
    }
  });
});
