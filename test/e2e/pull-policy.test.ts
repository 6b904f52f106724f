import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, dockerBuild } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { REGISTRY_PASSWORD, REGISTRY_USER, startRegistry, type TestRegistry } from "../support/registry.js";

/**
 * Time-based pull policies against a real registry. The stack names the registry as
 * `localhost:PORT` while the helper pushes through `127.0.0.1:PORT`: one registry, two local
 * names, so pushing a new `latest` leaves the engine's copy of the stack's reference alone.
 */
describe("pull_policy every_<interval>", () => {
  let registry: TestRegistry;
  let repository: string;
  let ref: string;
  let env: Record<string, string>;
  const made: string[] = [];

  /** A distinct image, pushed as the repository's `latest`; its id. The local build is removed. */
  const pushVersion = (version: string): string => {
    const local = `stackform-test/pull-policy-${version}-${randomBytes(3).toString("hex")}:1`;
    dockerBuild(
      local,
      `FROM ${TEST_IMAGE}\nLABEL version=${version} nonce=${randomBytes(4).toString("hex")}\n`,
    );
    const id = docker("image", "inspect", "-f", "{{.Id}}", local);
    registry.push(local, `${repository}:latest`);
    docker("rmi", local);
    made.push(id);
    return id;
  };

  beforeAll(async () => {
    registry = await startRegistry();
    repository = `refresh/app-${randomBytes(3).toString("hex")}`;
    ref = `localhost:${registry.host.split(":")[1]}/${repository}:latest`;
    made.push(ref);
    const config = mkdtempSync(join(tmpdir(), "stackform-pull-policy-"));
    const auth = Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString("base64");
    writeFileSync(join(config, "config.json"), JSON.stringify({ auths: { [ref.split("/")[0]!]: { auth } } }));
    env = { DOCKER_CONFIG: config };
  });
  afterAll(async () => {
    // The reference first, then every version by id: one replaced by a newer pull is left untagged.
    for (const image of made) {
      try {
        docker("image", "rm", "--force", image);
      } catch {
        // Already gone with the reference.
      }
    }
    await registry?.stop();
  });

  const yaml = (policy: string) => `
services:
  app:
    image: ${ref}
    pull_policy: ${policy}
    init: true
    command: sleep 3600
`;
  const runningImage = (stack: string) => docker("inspect", "-f", "{{.Image}}", `${stack}-app-1`);

  it("pulls a missing image, keeps it while it is younger than the interval, and pulls again after", async () => {
    const v1 = pushVersion("v1");
    const stack = e2eStack("pull-every", yaml("every_1h"));
    await stack.ok(["apply", "-y"], 0, env);
    expect(runningImage(stack.name)).toBe(v1);
    // The pull time is on the engine (a pull alone leaves it unset on Docker 20.10).
    expect(docker("image", "inspect", "-f", "{{.Metadata.LastTagTime.Year}}", ref)).not.toBe("1");
    await stack.ok(["plan", "--detailed-exitcode"], 0, env);

    const v2 = pushVersion("v2");
    expect(v2).not.toBe(v1);
    // Pulled less than an hour ago: the local v1 is used, nothing is pulled or recreated.
    const kept = await stack.ok(["apply", "-y"], 0, env);
    expect(kept.stdout).toContain("No changes");
    expect(runningImage(stack.name)).toBe(v1);
    expect(docker("image", "inspect", "-f", "{{.Id}}", ref)).toBe(v1);

    // A second is long enough for `every_1s`: v2 is pulled.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    stack.write(yaml("every_1s"));
    const plan = await stack.ok(["plan"], 0, env);
    expect(plan.stdout).toMatch(
      /image localhost:\d+\/refresh\/app-\w+:latest {2}# pull_policy every 1s: last pulled or tagged \d+s ago; pulled again/,
    );
    // The plan was made before the pull; the apply plans again after it, and the container
    // follows the image the pull moved, in the same apply (as `docker compose up` does).
    const pulled = await stack.ok(["apply", "-y", "--json"], 0, env);
    expect(docker("image", "inspect", "-f", "{{.Id}}", ref)).toBe(v2);
    expect(pulled.stderr).toContain("The images pulled or built moved; their containers follow:");
    expect(pulled.stderr).toContain(`image ${ref} now points to`);
    // Both runs, one JSON document: the pull, then the replace it led to.
    const summary = JSON.parse(pulled.stdout) as { status: string; resources: Record<string, number> };
    expect(summary.status).toBe("succeeded");
    expect(summary.resources).toMatchObject({ changed: 1, replaced: 1, failed: 0 });
    expect(runningImage(stack.name)).toBe(v2);
    // Pulled just now, so `daily` pulls nothing, and nothing else is left to do.
    stack.write(yaml("daily"));
    await stack.ok(["plan", "--detailed-exitcode"], 0, env);
  });
});
