/**
 * Gitignore-like patterns, as `develop.watch[].ignore` takes them (relative to the rule's path):
 * `*`, `?`, `[...]` and `**`; a pattern without a slash matches at any depth, one with a slash is
 * anchored; a trailing `/` matches directories only; `!` re-includes; the last matching pattern
 * decides. As in git, nothing under an excluded directory can be re-included.
 */
export type PathMatcher = (relative: string, isDirectory: boolean) => boolean;

interface Pattern {
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
}

/** Editors' swap and backup files and `.git`: what Compose also never syncs. */
export const DEFAULT_IGNORES: readonly string[] = [
  ".git/",
  "*.swp",
  "*.swx",
  "*~",
  ".#*",
  "#*#",
  "4913",
  "*___jb_tmp___",
  "*___jb_old___",
  ".DS_Store",
];

function globToRegex(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const before = i === 0 || glob[i - 1] === "/";
        const after = glob[i + 2];
        if (before && after === "/") {
          out += "(?:.*/)?";
          i += 2;
          continue;
        }
        if (before && after === undefined) {
          out += ".*";
          i += 1;
          continue;
        }
      }
      out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) out += "\\[";
      else {
        let body = glob.slice(i + 1, end).replace(/\\/g, "\\\\");
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        out += `[${body}]`;
        i = end;
      }
    } else if (c === "\\" && i + 1 < glob.length) {
      out += glob[i + 1]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      i++;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return out;
}

function compile(line: string): Pattern | undefined {
  let text = line.replace(/(?<!\\)\s+$/, "");
  if (text === "" || text.startsWith("#")) return undefined;
  const negated = text.startsWith("!");
  if (negated) text = text.slice(1);
  const directoryOnly = text.endsWith("/");
  if (directoryOnly) text = text.replace(/\/+$/, "");
  // A slash before the end anchors the pattern to the rule's path; `./src` is written that way too.
  const anchored = text.includes("/");
  text = text.replace(/^\.\//, "");
  if (text === "") return undefined;
  text = text.replace(/^\/+/, "");
  const body = globToRegex(text);
  return { regex: new RegExp(`^${anchored ? "" : "(?:.*/)?"}${body}$`), negated, directoryOnly };
}

/** True when the patterns exclude `relative` (a `/`-separated path under the rule's path). */
export function ignoreMatcher(patterns: readonly string[]): PathMatcher {
  const compiled = patterns.map(compile).filter((p): p is Pattern => p !== undefined);
  const decide = (path: string, isDirectory: boolean): boolean => {
    let ignored = false;
    for (const pattern of compiled) {
      if (pattern.directoryOnly && !isDirectory) continue;
      if (pattern.regex.test(path)) ignored = !pattern.negated;
    }
    return ignored;
  };
  return (relative, isDirectory) => {
    const parts = relative.split("/").filter((part) => part !== "" && part !== ".");
    for (let depth = 1; depth < parts.length; depth++) {
      if (decide(parts.slice(0, depth).join("/"), true)) return true;
    }
    return parts.length > 0 && decide(parts.join("/"), isDirectory);
  };
}

/** `include`: true when some pattern matches the file (directories always pass, to be walked). */
export function includeMatcher(patterns: readonly string[] | undefined): PathMatcher {
  if (patterns === undefined) return () => true;
  const matches = ignoreMatcher(patterns);
  return (relative, isDirectory) => isDirectory || matches(relative, false);
}
