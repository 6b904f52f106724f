import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { docker } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const yaml = `
services:
  ops:
    image: ${TEST_IMAGE}
    command: sleep 3600
    use_api_socket: true
`;

describe("use_api_socket", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A docker CLI config with one login, as `docker login` leaves it. */
  const cliConfig = (user: string, password: string): string => {
    const dir = mkdtempSync(join(tmpdir(), "stackform-api-socket-"));
    dirs.push(dir);
    const auth = Buffer.from(`${user}:${password}`).toString("base64");
    writeFileSync(join(dir, "config.json"), JSON.stringify({ auths: { "registry.example:5000": { auth } } }));
    return dir;
  };

  it("binds the engine's socket and copies in the caller's registry logins, never printing them", async () => {
    const stack = e2eStack("apisock", yaml);
    const env = { DOCKER_CONFIG: cliConfig("ci", "pw-91f0e2"), STACKFORM_TRUST_CONFIG_HASH: "0" };
    const applied = await stack.ok(["apply", "-y"], 0, env);
    const container = `${stack.name}-ops-1`;
    expect(docker("exec", container, "sh", "-c", "test -S /var/run/docker.sock && echo socket")).toBe(
      "socket",
    );
    const inside = JSON.parse(docker("exec", container, "cat", "/root/.docker/config.json")) as {
      auths: Record<string, { auth: string }>;
    };
    expect(Buffer.from(inside.auths["registry.example:5000"]?.auth ?? "", "base64").toString()).toBe(
      "ci:pw-91f0e2",
    );

    const clean = await stack.ok(["plan", "--detailed-exitcode"], 0, env);
    expect(clean.stdout).toContain("No changes");
    // Another login is a changed secret: the container is replaced, the value masked.
    const changed = await stack.ok(["plan", "--json"], 0, {
      ...env,
      DOCKER_CONFIG: cliConfig("ci", "pw-rotated"),
    });
    expect(changed.stdout).toContain("secrets.use_api_socket");
    for (const out of [applied.stdout, applied.stderr, clean.stdout, changed.stdout])
      expect(out).not.toMatch(/pw-91f0e2|pw-rotated|Y2k6cHct/);
  });
});
