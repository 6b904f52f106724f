import { afterEach, describe, expect, it } from "vitest";
import { docker } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { removeStackFromEngine } from "../support/remove-stack.js";

const stacksToRemove: string[] = [];
const imagesToRemove: string[] = [];
afterEach(async () => {
  // The stack's containers first: an image a container uses cannot be removed by its id.
  for (const stack of stacksToRemove.splice(0)) await removeStackFromEngine(stack);
  for (const image of imagesToRemove.splice(0)) docker("rmi", "-f", image);
});

/**
 * `build:` options on the real engine: an inline Dockerfile whose RUN steps see the build's
 * `/etc/hosts` entry, `/dev/shm` size, open-file limit and network, with labels and a second tag
 * on the image. (`pull: true` needs a registry for the FROM image, and none is reachable here: the
 * engine's request is checked in the engine's unit tests instead.)
 */
describe("build options", () => {
  it("builds a dockerfile_inline with labels, tags, extra_hosts, shm_size, ulimits, network and no_cache, then plans no changes", async () => {
    const stack = e2eStack("build-opts", "services: {}\n");
    const image = `${stack.name}-web:1`;
    const extra = `${stack.name}-web:extra`;
    stacksToRemove.push(stack.name);
    // Both tags, and (below) the first build's id, which the rebuild leaves untagged.
    imagesToRemove.push(image, extra);
    stack.write(`
services:
  web:
    image: ${image}
    init: true
    command: sleep 3600
    build:
      context: .
      dockerfile_inline: |
        FROM ${TEST_IMAGE}
        RUN grep build-host.internal /etc/hosts > /host-entry
        RUN df -k /dev/shm | tail -n 1 | awk '{print $$2}' > /shm-kb
        RUN ulimit -n > /nofile
        RUN grep -c : /proc/net/dev > /interfaces
        COPY . /ctx/
      labels:
        org.example.built-by: build-options-test
      tags: [${extra}]
      extra_hosts: ["build-host.internal:10.9.8.7"]
      shm_size: 96m
      ulimits:
        nofile: 1234
      network: none
      no_cache: true
`);
    const applied = await stack.ok(["apply", "-y"]);
    expect(applied.stderr + applied.stdout).toContain("build.dockerfile_inline");

    const inspect = (ref: string, format: string) => docker("image", "inspect", "-f", format, ref);
    expect(JSON.parse(inspect(image, "{{json .Config.Labels}}"))).toMatchObject({
      "org.example.built-by": "build-options-test",
    });
    expect(inspect(extra, "{{.Id}}")).toBe(inspect(image, "{{.Id}}"));
    const read = (file: string) => docker("run", "--rm", "--entrypoint", "cat", image, file);
    expect(read("/host-entry")).toMatch(/^10\.9\.8\.7\s+build-host\.internal$/);
    expect(read("/shm-kb")).toBe(String(96 * 1024));
    expect(read("/nofile")).toBe("1234");
    // `network: none`: the loopback interface only.
    expect(read("/interfaces")).toBe("1");
    // The inline Dockerfile travels in the context but is not copied with it.
    const copied = docker("run", "--rm", "--entrypoint", "ls", image, "-A", "/ctx").split("\n");
    expect(copied).toContain("stack.yaml");
    expect(copied.some((name) => name.startsWith(".dockerfile"))).toBe(false);

    const again = await stack.ok(["plan"]);
    expect(again.stdout).toContain("No changes");

    // no_cache: building again runs every step again instead of reusing the layers just made.
    imagesToRemove.push(inspect(image, "{{.Id}}"));
    const rebuilt = await stack.ok(["build", "web"]);
    expect(rebuilt.stderr).toContain("Successfully built");
    expect(rebuilt.stderr).not.toContain("Using cache");
  });
});
