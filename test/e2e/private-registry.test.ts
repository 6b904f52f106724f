import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { REGISTRY_PASSWORD, REGISTRY_USER, startRegistry, type TestRegistry } from "../support/registry.js";

/** Pulls use the docker CLI's credentials, against a real registry with basic auth. */
describe("a private registry", () => {
  let registry: TestRegistry;
  let image: string;
  beforeAll(async () => {
    registry = await startRegistry();
    image = registry.push(TEST_IMAGE, `private/app:${Date.now()}`);
  });
  afterAll(async () => {
    docker("image", "rm", "--force", image);
    await registry?.stop();
  });

  const yaml = () => `
services:
  app:
    image: ${image}
    command: sleep 3600
`;

  it("pulls with the credentials in config.json, and a wrong password fails naming the registry", async () => {
    const stack = e2eStack("registry", yaml());

    const wrong = await stack.ok(["apply", "-y"], 1, {
      DOCKER_CONFIG: registry.cliConfig(REGISTRY_USER, "wrong"),
    });
    expect(wrong.stderr).toContain(`registry ${registry.host} refused the credentials stored for it`);
    expect(wrong.stderr).toContain(`docker login ${registry.host}`);
    expect(wrong.stderr).not.toContain(REGISTRY_PASSWORD);

    const none = await stack.ok(["apply", "-y"], 1, { DOCKER_CONFIG: registry.cliConfig("", "") });
    expect(none.stderr).toContain(`registry ${registry.host} wants credentials, and none are stored for it`);

    const env = { DOCKER_CONFIG: registry.cliConfig(REGISTRY_USER, REGISTRY_PASSWORD) };
    await stack.ok(["apply", "-y"], 0, env);
    expect(docker("inspect", "-f", "{{.State.Running}} {{.Config.Image}}", `${stack.name}-app-1`)).toBe(
      `true ${image}`,
    );
    await stack.ok(["plan", "--detailed-exitcode"], 0, env);
  });

  it("pulls with `stack pull`, asking a credential helper", async () => {
    docker("image", "rm", "--force", image);
    const stack = e2eStack("registry-pull", yaml());
    const env = registry.helperEnv(REGISTRY_USER, REGISTRY_PASSWORD);
    await stack.ok(["pull"], 0, env);
    expect(docker("image", "inspect", "-f", "{{.Id}}", image)).toMatch(/^sha256:/);
  });
});
