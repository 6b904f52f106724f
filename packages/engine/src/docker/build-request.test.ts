import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BuildSpec } from "@stackform/schema/contract";
import { afterEach, describe, expect, it } from "vitest";
import { buildQuery, INLINE_DOCKERFILE, inlineDockerfileContext } from "./build-request.js";

const plain: BuildSpec = { context: "/src/web", dockerfile: "Dockerfile", args: { V: "1" } };

/** Each entry of a tar archive: name and content. */
function entriesOf(archive: Buffer): { name: string; content: string }[] {
  const out: { name: string; content: string }[] = [];
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const block = archive.subarray(offset, offset + 512);
    if (block.every((byte) => byte === 0)) break;
    const text = (start: number, length: number) =>
      block.toString("utf8", start, start + length).replace(/\0.*$/s, "");
    const size = Number.parseInt(text(124, 12).trim() || "0", 8);
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    out.push({ name, content: archive.toString("utf8", offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

describe("buildQuery", () => {
  it("sends a plain build as before: one tag, the Dockerfile, args, intermediate containers removed", () => {
    expect(buildQuery("app/web:1", plain)).toEqual({
      t: ["app/web:1"],
      dockerfile: "Dockerfile",
      buildargs: { V: "1" },
      rm: true,
    });
  });

  it("passes every option the 1.41 build endpoint takes, in its parameter's form", () => {
    const query = buildQuery("app/web:1", {
      ...plain,
      target: "prod",
      platform: "linux/amd64",
      dockerfileInline: "FROM scratch\n",
      labels: { team: "web" },
      tags: ["app/web:latest", "app/web:1"],
      cacheFrom: ["app/web:0"],
      noCache: true,
      pull: true,
      network: "host",
      extraHosts: ["db.internal:10.0.0.5", "cache.internal:10.0.0.6"],
      shmSize: 134217728,
      ulimits: { nofile: { soft: 1024, hard: 2048 } },
    });
    expect(query).toEqual({
      // The service's image first; a tag repeating it is sent once.
      t: ["app/web:1", "app/web:latest"],
      dockerfile: INLINE_DOCKERFILE,
      buildargs: { V: "1" },
      rm: true,
      target: "prod",
      platform: "linux/amd64",
      labels: { team: "web" },
      cachefrom: ["app/web:0"],
      nocache: true,
      pull: true,
      networkmode: "host",
      extrahosts: ["db.internal:10.0.0.5", "cache.internal:10.0.0.6"],
      shmsize: 134217728,
      ulimits: '[{"Name":"nofile","Soft":1024,"Hard":2048}]',
    });
  });

  it("leaves false switches and empty lists out of the request", () => {
    expect(
      buildQuery("x:1", { ...plain, noCache: false, pull: false, tags: [], labels: {}, extraHosts: [] }),
    ).toEqual(buildQuery("x:1", plain));
  });
});

describe("inlineDockerfileContext", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("sends the inline Dockerfile and a .dockerignore naming it ahead of the folder's files", async () => {
    dir = mkdtempSync(join(tmpdir(), "stackform-inline-"));
    writeFileSync(join(dir, "app.txt"), "hello\n");
    writeFileSync(join(dir, "secret.txt"), "never sent\n");
    writeFileSync(join(dir, ".dockerignore"), "secret.txt");
    const build = { ...plain, context: dir, dockerfileInline: "FROM scratch\nCOPY . /\n" };
    const chunks: Buffer[] = [];
    for await (const chunk of await inlineDockerfileContext(build, [
      "app.txt",
      "secret.txt",
      ".dockerignore",
    ]))
      chunks.push(chunk as Buffer);
    const entries = entriesOf(Buffer.concat(chunks));
    expect(entries.map((e) => e.name).sort()).toEqual([
      ".dockerfile.stackform-inline",
      ".dockerignore",
      "app.txt",
    ]);
    expect(entries.find((e) => e.name === INLINE_DOCKERFILE)?.content).toBe("FROM scratch\nCOPY . /\n");
    expect(entries.find((e) => e.name === ".dockerignore")?.content).toBe(
      `secret.txt\n${INLINE_DOCKERFILE}\n`,
    );
    expect(entries.find((e) => e.name === "app.txt")?.content).toBe("hello\n");
  });
});
