import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildContextDigest, dockerignore } from "./build-context-digest.js";

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "build-context-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const build = (dir: string, args: Record<string, string> = {}) => ({
  context: dir,
  dockerfile: "Dockerfile",
  args,
});

describe("buildContextDigest", () => {
  it("changes with a file, the executable bit or an arg, and not with what .dockerignore leaves out", async () => {
    const files = {
      Dockerfile: "FROM scratch\n",
      "app/main.sh": "echo hi\n",
      "logs/a.log": "1",
      ".dockerignore": "logs\n*.tmp\n",
    };
    const dir = context(files);
    const first = await buildContextDigest(build(dir));
    expect(first).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await buildContextDigest(build(context(files)))).toBe(first);

    writeFileSync(join(dir, "logs", "b.log"), "2");
    writeFileSync(join(dir, "scratch.tmp"), "x");
    expect(await buildContextDigest(build(dir))).toBe(first);

    chmodSync(join(dir, "app", "main.sh"), 0o755);
    const executable = await buildContextDigest(build(dir));
    expect(executable).not.toBe(first);
    writeFileSync(join(dir, "app", "main.sh"), "echo bye\n");
    const edited = await buildContextDigest(build(dir));
    expect(edited).not.toBe(executable);
    expect(await buildContextDigest(build(dir, { VERSION: "2" }))).not.toBe(edited);
  });

  it("reads an inline Dockerfile's text, and changes with what changes the image but not with cache options", async () => {
    const dir = context({ "app.txt": "hi\n" });
    const inline = { ...build(dir), dockerfileInline: "FROM scratch\nCOPY app.txt /\n" };
    const first = await buildContextDigest(inline);
    expect(await buildContextDigest({ ...inline, dockerfileInline: "FROM scratch\n" })).not.toBe(first);
    for (const changed of [
      { labels: { team: "web" } },
      { network: "host" },
      { extraHosts: ["db:10.0.0.5"] },
      { shmSize: 1024 },
      { ulimits: { nofile: { soft: 1, hard: 2 } } },
    ])
      expect(await buildContextDigest({ ...inline, ...changed })).not.toBe(first);
    expect(
      await buildContextDigest({ ...inline, noCache: true, pull: true, cacheFrom: ["x:1"], tags: ["y:2"] }),
    ).toBe(first);
  });
});

describe("dockerignore", () => {
  it("matches as the engine does: globs, directories, ** and the last rule winning", () => {
    const ignored = dockerignore("# comment\nnode_modules\n**/*.log\n!keep.log\n/build/\ndocs/*.md\n");
    expect(ignored("node_modules/x/index.js")).toBe(true);
    expect(ignored("a/b/c.log")).toBe(true);
    expect(ignored("c.log")).toBe(true);
    expect(ignored("keep.log")).toBe(false);
    expect(ignored("build/out")).toBe(true);
    expect(ignored("docs/a.md")).toBe(true);
    expect(ignored("docs/sub/a.md")).toBe(false);
    expect(ignored("src/main.ts")).toBe(false);
  });
});
