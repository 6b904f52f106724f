import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Labels, type ObservedContainer } from "@stackform/schema/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DockerEngine } from "../docker-engine.js";

const docker = (...args: string[]) =>
  execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

const stack = `inventory${randomBytes(3).toString("hex")}`;
const label = (key: string, value: string) => ["--label", `${key}=${value}`];
const owned = (service: string, number: number) => [
  ...label(Labels.stack, stack),
  ...label(Labels.service, service),
  ...label(Labels.number, String(number)),
];
let engine: DockerEngine;

beforeAll(async () => {
  docker("network", "create", ...label(Labels.stack, stack), `${stack}_back`);
  docker("volume", "create", ...label(Labels.stack, stack), `${stack}_data`);
  // On the default bridge too, so that the legacy link below gives it a second name in the list.
  docker(
    "run",
    "-d",
    "--init",
    "--name",
    `${stack}-db-1`,
    ...owned("db", 1),
    "-v",
    `${stack}_data:/data`,
    "-v",
    "/scratch",
    "--tmpfs",
    "/run/x",
    "stackform-test/busybox:1",
    "sleep",
    "600",
  );
  docker("network", "connect", `${stack}_back`, `${stack}-db-1`);
  docker(
    "create",
    "--name",
    `${stack}-web-2`,
    ...owned("web", 2),
    "--link",
    `${stack}-db-1:database`,
    "stackform-test/busybox:1",
    "sleep",
    "600",
  );
  engine = await DockerEngine.connect();
});

afterAll(async () => {
  await engine?.close();
  docker("rm", "-f", "-v", `${stack}-web-2`, `${stack}-db-1`);
  docker("network", "rm", `${stack}_back`);
  docker("volume", "rm", `${stack}_data`);
});

const byName = <T extends { name: string }>(items: T[]) =>
  [...items].sort((a, b) => a.name.localeCompare(b.name));
// Neither the list nor inspect promises an order of mounts.
const mountsByTarget = <T extends { mounts: { target: string }[] }>(c: T): T => ({
  ...c,
  mounts: [...c.mounts].sort((a, b) => a.target.localeCompare(b.target)),
});

describe("inventory", () => {
  it("tells from the engine's lists alone what observe tells of the fields destroy uses", async () => {
    const [inventory, observed] = await Promise.all([engine.inventory(stack), engine.observe(stack)]);
    const picked = (c: ObservedContainer) => ({
      id: c.id,
      name: c.name,
      service: c.service,
      number: c.number,
      state: c.state,
      imageId: c.imageId,
      mounts: mountsByTarget(c).mounts,
      labels: c.labels,
      networks: Object.fromEntries(
        Object.entries(c.networks).map(([name, e]) => [name, { networkId: e.networkId }]),
      ),
    });
    expect(byName(inventory.containers).map(mountsByTarget)).toEqual(byName(observed.containers).map(picked));
    expect(
      byName(inventory.containers).map((c) => [c.name, c.state, Object.keys(c.networks).sort()]),
    ).toEqual([
      [`${stack}-db-1`, "running", ["bridge", `${stack}_back`]],
      [`${stack}-web-2`, "created", ["bridge"]],
    ]);
    const db = inventory.containers.find((c) => c.service === "db");
    expect(db?.mounts.map((m) => m.type).sort()).toEqual(["volume", "volume"]);
    expect(db?.mounts.find((m) => m.target === "/data")?.source).toBe(`${stack}_data`);
    expect(byName(inventory.networks)).toEqual(byName(observed.networks));
    expect(byName(inventory.volumes)).toEqual(byName(observed.volumes));
  });
});
