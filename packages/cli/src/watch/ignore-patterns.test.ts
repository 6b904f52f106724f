import { describe, expect, test } from "vitest";
import { DEFAULT_IGNORES, ignoreMatcher, includeMatcher } from "./ignore-patterns.js";

describe("ignore patterns, as gitignore", () => {
  test("a name without a slash matches at any depth", () => {
    const ignored = ignoreMatcher(["*.log", "tmp"]);
    expect(ignored("a.log", false)).toBe(true);
    expect(ignored("deep/down/b.log", false)).toBe(true);
    expect(ignored("a.log.txt", false)).toBe(false);
    expect(ignored("x/tmp", false)).toBe(true);
    expect(ignored("x/tmpfile", false)).toBe(false);
  });

  test("a pattern with a slash is anchored to the rule's path; a leading slash or ./ too", () => {
    const ignored = ignoreMatcher(["build/out", "/dist", "./cache/"]);
    expect(ignored("build/out", false)).toBe(true);
    expect(ignored("src/build/out", false)).toBe(false);
    expect(ignored("dist", true)).toBe(true);
    expect(ignored("src/dist", true)).toBe(false);
    expect(ignored("cache/x", false)).toBe(true);
    expect(ignored("a/cache/x", false)).toBe(false);
  });

  test("a trailing slash matches directories only, and everything under them", () => {
    const ignored = ignoreMatcher(["node_modules/"]);
    expect(ignored("node_modules", true)).toBe(true);
    expect(ignored("node_modules", false)).toBe(false);
    expect(ignored("node_modules/left-pad/index.js", false)).toBe(true);
    expect(ignored("packages/a/node_modules/x.js", false)).toBe(true);
  });

  test("** spans directories; * and ? stay within one", () => {
    const ignored = ignoreMatcher(["**/gen/*.ts", "docs/**", "a?c", "lib/*.map"]);
    expect(ignored("gen/x.ts", false)).toBe(true);
    expect(ignored("src/deep/gen/x.ts", false)).toBe(true);
    expect(ignored("gen/sub/x.ts", false)).toBe(false);
    expect(ignored("docs/a/b/c.md", false)).toBe(true);
    expect(ignored("docs", true)).toBe(false);
    expect(ignored("abc", false)).toBe(true);
    expect(ignored("a/c", false)).toBe(false);
    expect(ignored("lib/x.map", false)).toBe(true);
    expect(ignored("lib/sub/x.map", false)).toBe(false);
  });

  test("the last match decides and ! re-includes, but not under an excluded directory", () => {
    const ignored = ignoreMatcher(["*.txt", "!keep.txt", "secret/", "!secret/ok.txt"]);
    expect(ignored("a.txt", false)).toBe(true);
    expect(ignored("keep.txt", false)).toBe(false);
    expect(ignored("secret/ok.txt", false)).toBe(true);
  });

  test("character classes, escapes, comments and blank lines", () => {
    const ignored = ignoreMatcher(["# a comment", "", "file[0-9].js", "x[!a].c", "\\#hash", "a.b"]);
    expect(ignored("file3.js", false)).toBe(true);
    expect(ignored("filex.js", false)).toBe(false);
    expect(ignored("xb.c", false)).toBe(true);
    expect(ignored("xa.c", false)).toBe(false);
    expect(ignored("#hash", false)).toBe(true);
    expect(ignored("# a comment", false)).toBe(false);
    expect(ignored("aXb", false)).toBe(false);
  });

  test("editors' swap files and .git are ignored by default", () => {
    const ignored = ignoreMatcher(DEFAULT_IGNORES);
    expect(ignored(".git/index", false)).toBe(true);
    expect(ignored("src/.main.ts.swp", false)).toBe(true);
    expect(ignored("src/main.ts~", false)).toBe(true);
    expect(ignored("4913", false)).toBe(true);
    expect(ignored("src/main.ts", false)).toBe(false);
  });

  test("include: only matching files pass; directories pass so they are walked", () => {
    const included = includeMatcher(["*.js"]);
    expect(included("a/b.js", false)).toBe(true);
    expect(included("a/b.ts", false)).toBe(false);
    expect(included("a", true)).toBe(true);
    expect(includeMatcher(undefined)("anything", false)).toBe(true);
  });
});
