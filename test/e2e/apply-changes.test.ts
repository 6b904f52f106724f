import { describe, expect, it } from "vitest";
import { containerIds, docker, exists, inspectContainer } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

const service = (name: string, extra = "") => `
  ${name}:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600${extra}`;

describe("stack apply of a changed stack", () => {
  it("replaces only the service whose environment variable changed", async () => {
    const stack = e2eStack(
      "env",
      `services:${service("a", "\n    environment: { MODE: one }")}${service("b")}`,
    );
    await stack.ok(["apply", "-y"]);
    const before = containerIds(stack.name);

    stack.write(`services:${service("a", "\n    environment: { MODE: two }")}${service("b")}`);
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain("environment.MODE");
    await stack.ok(["apply", "-y"]);

    const after = containerIds(stack.name);
    expect(after[`${stack.name}-b-1`]).toBe(before[`${stack.name}-b-1`]);
    expect(after[`${stack.name}-a-1`]).not.toBe(before[`${stack.name}-a-1`]);
    expect(inspectContainer(`${stack.name}-a-1`).Config.Env).toContain("MODE=two");
    await stack.ok(["plan", "--detailed-exitcode"]);
  });

  it("keeps the data of a named volume across a replace", async () => {
    const withVolume = (tag: string) =>
      `services:${service("db", `\n    environment: { TAG: ${tag} }\n    volumes: [data:/data]`)}\nvolumes:\n  data: {}\n`;
    const stack = e2eStack("volume", withVolume("one"));
    await stack.ok(["apply", "-y"]);
    docker("exec", `${stack.name}-db-1`, "sh", "-c", "echo precious > /data/file");

    stack.write(withVolume("two"));
    await stack.ok(["apply", "-y"]);
    expect(docker("exec", `${stack.name}-db-1`, "cat", "/data/file")).toBe("precious");
  });

  it("carries an anonymous volume over to the replacement container", async () => {
    const anon = (tag: string) =>
      `services:${service("db", `\n    environment: { TAG: ${tag} }\n    volumes: [/scratch]`)}\n`;
    const stack = e2eStack("anon", anon("one"));
    await stack.ok(["apply", "-y"]);
    docker("exec", `${stack.name}-db-1`, "sh", "-c", "echo kept > /scratch/file");

    stack.write(anon("two"));
    await stack.ok(["apply", "-y"]);
    expect(docker("exec", `${stack.name}-db-1`, "cat", "/scratch/file")).toBe("kept");
  });

  it("scales a service up and down, removing the highest numbers first", async () => {
    const scaled = (n: number) => `services:${service("w", `\n    deploy: { replicas: ${n} }`)}\n`;
    const stack = e2eStack("scale", scaled(1));
    await stack.ok(["apply", "-y"]);
    const first = containerIds(stack.name)[`${stack.name}-w-1`];

    stack.write(scaled(3));
    await stack.ok(["apply", "-y"]);
    expect(Object.keys(containerIds(stack.name)).sort()).toEqual(
      [1, 2, 3].map((n) => `${stack.name}-w-${n}`),
    );
    expect(containerIds(stack.name)[`${stack.name}-w-1`]).toBe(first);

    stack.write(scaled(2));
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toContain(`${stack.name}-w-3`);
    await stack.ok(["apply", "-y"]);
    expect(Object.keys(containerIds(stack.name)).sort()).toEqual([1, 2].map((n) => `${stack.name}-w-${n}`));
  });

  it("removes the containers of a service no longer in the file, and keeps a dropped volume", async () => {
    const stack = e2eStack(
      "orphan",
      `services:${service("keep")}${service("gone", "\n    volumes: [old:/old]")}\nvolumes:\n  old: {}\n`,
    );
    await stack.ok(["apply", "-y"]);

    stack.write(`services:${service("keep")}\n`);
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(plan.stdout).toMatch(/not in the stack file/);
    await stack.ok(["apply", "-y"]);
    expect(exists("container", `${stack.name}-gone-1`)).toBe(false);
    expect(exists("container", `${stack.name}-keep-1`)).toBe(true);
    expect(exists("volume", `${stack.name}_old`)).toBe(true);
  });
});
