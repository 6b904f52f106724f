import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerEngine } from "../docker-engine.js";
import { isEngineError } from "../errors.js";

const docker = (...args: string[]) =>
  execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

const name = `stackform-copy-${randomBytes(3).toString("hex")}`;
let engine: DockerEngine;

beforeAll(async () => {
  docker("run", "-d", "--init", "--name", name, "stackform-test/busybox:1", "sleep", "600");
  engine = await DockerEngine.connect();
});

afterAll(async () => {
  await engine?.close();
  docker("rm", "-f", name);
});

describe("copyToContainer", () => {
  it("puts each file at its absolute path, makes missing directories, keeps the mode, overwrites", async () => {
    await engine.copyToContainer(name, [
      { path: "/srv/app/a.txt", content: Buffer.from("alpha") },
      { path: "/srv/app/deep/er/run.sh", content: Buffer.from("#!/bin/sh\necho ran\n"), mode: 0o755 },
    ]);
    expect(docker("exec", name, "cat", "/srv/app/a.txt")).toBe("alpha");
    expect(docker("exec", name, "/srv/app/deep/er/run.sh")).toBe("ran");
    expect(docker("exec", name, "stat", "-c", "%a", "/srv/app/a.txt")).toBe("644");
    await engine.copyToContainer(name, [{ path: "/srv/app/a.txt", content: Buffer.from("beta") }]);
    expect(docker("exec", name, "cat", "/srv/app/a.txt")).toBe("beta");
  });

  it("names the container in an engine error", async () => {
    const error = await engine
      .copyToContainer(`${name}-missing`, [{ path: "/x", content: Buffer.from("x") }])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isEngineError(error, "not-found")).toBe(true);
    expect((error as Error).message).toContain(`${name}-missing`);
  });
});
