import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docker, dockerBuild, exists, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { stackOk } from "../support/run-stack.js";

const yaml = `
services:
  db:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    volumes: [data:/data]
    networks: [back]
networks:
  back: {}
volumes:
  data: {}
`;

describe("stack destroy", () => {
  it("removes containers and networks but keeps volume data without --volumes", async () => {
    const stack = e2eStack("destroy", yaml);
    await stack.ok(["apply", "-y"]);
    const result = await stack.ok(["destroy", "-y"]);
    expect(result.stderr).toMatch(/kept/i);
    expect(exists("container", `${stack.name}-db-1`)).toBe(false);
    expect(exists("network", `${stack.name}_back`)).toBe(false);
    expect(exists("volume", `${stack.name}_data`)).toBe(true);
  });

  it("deletes the volumes only with --volumes, and says so in words", async () => {
    const stack = e2eStack("destroyvol", yaml);
    await stack.ok(["apply", "-y"]);
    const result = await stack.ok(["destroy", "-y", "--volumes"]);
    expect(result.stderr).toContain(`data in volume ${stack.name}_data will be deleted`);
    expect(exists("volume", `${stack.name}_data`)).toBe(false);
  });

  it("does not wait one grace period after another for containers that ignore SIGTERM", async () => {
    // busybox sleep as PID 1 ignores SIGTERM, so each stop waits its full timeout (2 s here).
    const services = Array.from(
      { length: 4 },
      (_, i) => `  s${i}:\n    image: ${TEST_IMAGE}\n    command: sleep 3600\n    stop_grace_period: 2s\n`,
    ).join("");
    const stack = e2eStack("slowstop", `services:\n${services}`);
    await stack.ok(["apply", "-y"]);
    const started = Date.now();
    await stack.ok(["destroy", "-y"]);
    expect(Date.now() - started).toBeLessThan(4 * 2000);
  });

  it("without a name takes it from the stack file, loaded once, and runs the file's pre_stop hooks", async () => {
    const stack = e2eStack("byfile", "services: {}\n");
    stack.write(
      `name: ${stack.name}\nservices:\n  db:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n` +
        `    volumes: [data:/data]\n    pre_stop:\n      - command: ["sh", "-c", "echo bye > /data/bye"]\n` +
        "volumes:\n  data: {}\n",
    );
    await stack.ok(["apply", "-y"]);
    await stackOk(["destroy", "-y"], { cwd: stack.dir });
    expect(exists("container", `${stack.name}-db-1`)).toBe(false);
    expect(docker("run", "--rm", "-v", `${stack.name}_data:/data`, TEST_IMAGE, "cat", "/data/bye")).toBe(
      "bye",
    );
  });

  it("refuses to destroy without confirmation when there is no terminal", async () => {
    const stack = e2eStack("confirm", yaml);
    await stack.ok(["apply", "-y"]);
    const result = await stack.ok(["destroy"], 1);
    expect(result.stderr).toContain("--yes");
    expect(exists("container", `${stack.name}-db-1`)).toBe(true);
  });
});

/** The engine names of the volumes a container mounts. */
const volumesOf = (container: string): string[] =>
  inspectContainer(container)
    .Mounts.filter((m) => m.Type === "volume")
    .map((m) => m.Name ?? "");

const anonymousYaml = (env: string) => `
services:
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    environment: { ROUND: "${env}" }
    volumes: ["/data", "named:/named"]
volumes:
  named: {}
`;

/** The destroy's `--json` result: the summary, plus the volumes removed and kept. */
interface DestroyJson {
  format_version: number;
  stack: string;
  status: string;
  changes: { resource: string; action: string; status: string }[];
  volumes: {
    removed: string[];
    kept: { name: string; key?: string; anonymous: boolean; reason: string }[];
  };
}

describe("stack destroy and the volumes the stack made", () => {
  // An image that declares a VOLUME: the engine makes an anonymous volume for every container of it.
  const imageWithVolume = `stackform-test/with-volume:${randomBytes(3).toString("hex")}`;
  beforeAll(() => dockerBuild(imageWithVolume, `FROM ${TEST_IMAGE}\nVOLUME /x\n`));
  afterAll(() => {
    docker("image", "rm", imageWithVolume);
  });

  it("--volumes removes anonymous volumes too, the one a replacement carried over included", async () => {
    const stack = e2eStack("anonvol", anonymousYaml("1"));
    await stack.ok(["apply", "-y"]);
    const container = `${stack.name}-app-1`;
    docker("exec", container, "sh", "-c", "echo kept > /data/file");
    const [anonymous] = volumesOf(container).filter((v) => v !== `${stack.name}_named`);
    expect(anonymous).toMatch(/^[0-9a-f]{64}$/);

    stack.write(anonymousYaml("2"));
    await stack.ok(["apply", "-y"]);
    // The replacement mounts the old anonymous volume by name: the data is still there.
    expect(volumesOf(container)).toContain(anonymous);
    expect(docker("exec", container, "cat", "/data/file")).toBe("kept");

    const result = await stack.ok(["--json", "destroy", "-y", "--volumes"]);
    expect(result.stderr).toContain(`data in volume ${anonymous} will be deleted`);
    const json = JSON.parse(result.stdout) as DestroyJson;
    expect(json.volumes.removed).toEqual([anonymous, `${stack.name}_named`].sort());
    expect(json.volumes.kept).toEqual([]);
    expect(exists("volume", anonymous!)).toBe(false);
    expect(exists("volume", `${stack.name}_named`)).toBe(false);
    expect(exists("container", container)).toBe(false);
  });

  it("--volumes keeps a volume the stack file declares external, even one the engine named", async () => {
    // Named like an anonymous volume and unlabelled: only the stack file says it is not the stack's.
    const external = docker("volume", "create");
    try {
      const stack = e2eStack(
        "extvol",
        `services:\n  app:\n    image: ${TEST_IMAGE}\n    init: true\n    command: sleep 3600\n` +
          `    volumes: ["${external}:/data"]\nvolumes:\n  "${external}":\n    external: true\n`,
      );
      await stack.ok(["apply", "-y"]);
      const result = await stack.ok(["--json", "destroy", "-y", "--volumes"]);
      expect((JSON.parse(result.stdout) as DestroyJson).volumes.removed).toEqual([]);
      expect(exists("container", `${stack.name}-app-1`)).toBe(false);
      expect(exists("volume", external)).toBe(true);
    } finally {
      docker("volume", "rm", external);
    }
  });

  it("--volumes removes the anonymous volume an image's VOLUME made", async () => {
    const yaml = (env: string) =>
      `services:\n  app:\n    image: ${imageWithVolume}\n    init: true\n    command: sleep 3600\n    environment: { ROUND: "${env}" }\n`;
    const stack = e2eStack("imagevol", yaml("1"));
    await stack.ok(["apply", "-y"]);
    const first = volumesOf(`${stack.name}-app-1`);
    expect(first).toHaveLength(1);
    stack.write(yaml("2"));
    await stack.ok(["apply", "-y"]);
    const second = volumesOf(`${stack.name}-app-1`);

    await stack.ok(["destroy", "-y", "--volumes"]);
    for (const volume of new Set([...first, ...second])) expect(exists("volume", volume)).toBe(false);
  });

  it("without --volumes keeps named and anonymous volumes, and lists them with how to remove them", async () => {
    const stack = e2eStack("keepvol", anonymousYaml("1"));
    await stack.ok(["apply", "-y"]);
    const [anonymous] = volumesOf(`${stack.name}-app-1`).filter((v) => v !== `${stack.name}_named`);
    try {
      const result = await stack.ok(["--json", "destroy", "-y"]);
      expect(result.stderr).toContain(`Kept 2 volumes of stack ${stack.name}, with their data:`);
      expect(result.stderr).toContain(`  named (${stack.name}_named): kept;`);
      expect(result.stderr).toContain(`  ${anonymous} (anonymous): kept;`);
      expect(result.stderr).toContain("stack destroy --volumes");
      expect(result.stderr).toContain(`docker volume rm ${anonymous}`);
      const json = JSON.parse(result.stdout) as DestroyJson;
      expect(json).toMatchObject({ format_version: 1, stack: stack.name, status: "succeeded" });
      expect(json.changes).toContainEqual(
        expect.objectContaining({ resource: "service app", action: "remove", status: "succeeded" }),
      );
      expect(json.volumes.removed).toEqual([]);
      expect(json.volumes.kept.map((v) => [v.name, v.anonymous])).toEqual([
        [`${stack.name}_named`, false],
        [anonymous, true],
      ]);
      expect(exists("container", `${stack.name}-app-1`)).toBe(false);
      expect(exists("volume", anonymous!)).toBe(true);
      expect(exists("volume", `${stack.name}_named`)).toBe(true);
    } finally {
      // Nothing ties it to the stack any more: the stack's cleanup cannot find it.
      if (anonymous && exists("volume", anonymous)) docker("volume", "rm", anonymous);
    }
  });

  it("keeps a volume another container still uses, says so, and removes everything else", async () => {
    const stack = e2eStack("sharedvol", yaml);
    await stack.ok(["apply", "-y"]);
    const outsider = `${stack.name}-outsider`;
    docker("create", "--name", outsider, "-v", `${stack.name}_data:/d`, TEST_IMAGE);
    try {
      const result = await stack.ok(["--json", "destroy", "-y", "--volumes"], 1);
      expect(result.stderr).toMatch(
        new RegExp(
          `volume ${stack.name}_data is still used by container \\w+ outside stack ${stack.name}; it was kept`,
        ),
      );
      const json = JSON.parse(result.stdout) as DestroyJson;
      expect(json.status).toBe("failed");
      expect(json.volumes.kept).toMatchObject([{ name: `${stack.name}_data`, key: "data" }]);
      expect(exists("volume", `${stack.name}_data`)).toBe(true);
      expect(exists("container", `${stack.name}-db-1`)).toBe(false);
      expect(exists("network", `${stack.name}_back`)).toBe(false);
    } finally {
      docker("rm", "-f", outsider);
    }
  });
});
