import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WatchRule } from "@stackform/schema";
import { afterAll, describe, expect, test } from "vitest";
import { compileRule, triggeredRules } from "./match-changes.js";
import { initialChange, syncWork } from "./sync-files.js";

const rule = (fields: Partial<WatchRule> & Pick<WatchRule, "path" | "action">): WatchRule => ({
  ignore: [],
  initialSync: false,
  ...fields,
});

describe("which rules a batch triggers", () => {
  const src = rule({ path: "/p/src", action: "sync", target: "/app", ignore: ["*.tmp"] });
  const pkg = rule({ path: "/p/package.json", action: "rebuild" });
  const all = rule({ path: "/p", action: "sync", target: "/srv" });
  const rules = [
    compileRule("web", src),
    compileRule("web", pkg),
    compileRule("web", all),
    compileRule("api", src),
  ];

  test("each change goes to the first rule of each service that takes it, relative to its path", () => {
    const found = triggeredRules(rules, [
      { path: "/p/src/a.js", kind: "file" },
      { path: "/p/package.json", kind: "file" },
      { path: "/p/README", kind: "missing" },
    ]);
    expect(found).toEqual([
      { service: "web", rule: src, changes: [{ relative: "a.js", kind: "file" }] },
      { service: "web", rule: pkg, changes: [{ relative: "", kind: "file" }] },
      { service: "web", rule: all, changes: [{ relative: "README", kind: "missing" }] },
      { service: "api", rule: src, changes: [{ relative: "a.js", kind: "file" }] },
    ]);
  });

  test("an ignored file falls through to the next rule; outside every path it triggers nothing", () => {
    const found = triggeredRules(rules, [
      { path: "/p/src/x.tmp", kind: "file" },
      { path: "/other/file", kind: "file" },
      { path: "/p/srcfile", kind: "file" },
    ]);
    expect(found).toEqual([
      {
        service: "web",
        rule: all,
        changes: [
          { relative: "src/x.tmp", kind: "file" },
          { relative: "srcfile", kind: "file" },
        ],
      },
    ]);
  });
});

describe("what a sync copies and deletes", () => {
  const root = mkdtempSync(join(tmpdir(), "stackform-sync-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, "sub/deep"), { recursive: true });
  mkdirSync(join(root, "node_modules"));
  writeFileSync(join(root, "a.txt"), "A");
  writeFileSync(join(root, "skip.log"), "L");
  writeFileSync(join(root, "sub/deep/b.txt"), "B", { mode: 0o755 });
  writeFileSync(join(root, "node_modules/m.js"), "M");
  const compiled = compileRule(
    "web",
    rule({ path: root, action: "sync", target: "/app", ignore: ["*.log", "node_modules/"] }),
  );

  test("changed files and deletions map under the target", async () => {
    const work = await syncWork(compiled, {
      service: "web",
      rule: compiled.rule,
      changes: [
        { relative: "a.txt", kind: "file" },
        { relative: "gone.txt", kind: "missing" },
      ],
    });
    expect(work.copies).toEqual([
      { path: "/app/a.txt", content: Buffer.from("A"), mode: expect.any(Number) },
    ]);
    expect(work.deletions).toEqual(["/app/gone.txt"]);
  });

  test("a directory (initial_sync: the whole path) is walked, ignored entries left out, modes kept", async () => {
    const work = await syncWork(compiled, initialChange(compiled, "directory"));
    expect(work.copied).toEqual(["a.txt", "sub/deep/b.txt"]);
    expect(work.copies.find((c) => c.path === "/app/sub/deep/b.txt")?.mode).toBe(0o755);
  });
});
