import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containerIds, docker } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

/**
 * `platform:` on the real engine, which is linux/amd64 and has the test images for amd64 only.
 * The image is tagged under a registry that refuses connections (127.0.0.1:9), so a pull for
 * another platform fails at once and the same way with or without internet access.
 */
describe("platform", () => {
  const image = `127.0.0.1:9/stackform-platform-${randomBytes(3).toString("hex")}:1`;
  beforeAll(() => docker("tag", TEST_IMAGE, image));
  afterAll(() => docker("rmi", image));

  const yaml = (platform: string) => `
services:
  app:
    image: ${image}
    platform: ${platform}
    init: true
    command: sleep 3600
`;

  it("runs the image for linux/amd64 with a clean plan after, and refuses linux/arm64 leaving the container running", async () => {
    const stack = e2eStack("platform", yaml("linux/amd64"));
    const created = await stack.ok(["plan"], 0);
    expect(created.stdout).toContain('+ platform: "linux/amd64"');
    await stack.ok(["apply", "-y"]);
    const container = `${stack.name}-app-1`;
    expect(docker("inspect", "-f", "{{.State.Running}} {{.Platform}}", container)).toBe("true linux");
    await stack.ok(["plan", "--detailed-exitcode"]);
    // Field by field too, not only through the config-hash label.
    await stack.ok(["plan", "--detailed-exitcode"], 0, { STACKFORM_TRUST_CONFIG_HASH: "0" });
    const before = containerIds(stack.name);

    stack.write(yaml("linux/arm64"));
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain(
      `image ${image}  # on the engine for linux/amd64 only; pulled for linux/arm64 (service app)`,
    );
    expect(plan.stdout).toContain('~ platform: "linux/amd64" → "linux/arm64" (forces new container)');

    const refused = await stack.ok(["apply", "-y"], 1);
    expect(refused.stderr).toContain(`cannot pull image ${image} for platform linux/arm64`);
    expect(refused.stderr).toContain(
      `service app wants linux/arm64, the engine has ${image} for linux/amd64 only`,
    );
    expect(refused.stderr).toMatch(/docker buildx build --platform linux\/arm64 --push/);
    expect(refused.stderr).toContain("set `platform:` to linux/amd64");
    // Nothing was touched: the same container runs, and the tag still names the amd64 image.
    expect(containerIds(stack.name)).toEqual(before);
    expect(docker("inspect", "-f", "{{.State.Running}}", container)).toBe("true");
    expect(docker("image", "inspect", "-f", "{{.Os}}/{{.Architecture}}", image)).toBe("linux/amd64");
  });

  it("builds for the platform", async () => {
    // Named, so that it is built when missing rather than on every apply (`pull_policy: build`).
    const built = `stackform-test/platform-build-${randomBytes(3).toString("hex")}:1`;
    const stack = e2eStack(
      "platform-build",
      `
services:
  app:
    image: ${built}
    build: .
    platform: linux/amd64
    init: true
    command: sleep 3600
`,
    );
    stack.write(`FROM ${TEST_IMAGE}\nLABEL built=platform\n`, "Dockerfile");
    try {
      await stack.ok(["apply", "-y"]);
      expect(
        docker("image", "inspect", "-f", "{{.Os}}/{{.Architecture}} {{.Config.Labels.built}}", built),
      ).toBe("linux/amd64 platform");
      await stack.ok(["plan", "--detailed-exitcode"], 0, { STACKFORM_TRUST_CONFIG_HASH: "0" });
    } finally {
      await stack.ok(["destroy", "-y"]);
      docker("rmi", "-f", built);
    }
  });
});
