import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { matchesPatternList, matchesWildcard } from "./host-pattern.js";

/**
 * One block of an ssh_config file: the options under a `Host` line (or before the first one).
 * `Match` blocks are kept but only `Match all` ever applies; Stackform does not evaluate the
 * other criteria (exec, user, localuser, ...).
 */
export interface SshConfigBlock {
  hosts: string[] | "all" | "never";
  options: { keyword: string; args: string[] }[];
}

/** The options ssh would use for one host, as far as Stackform needs them. */
export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identityAgent?: string;
  userKnownHostsFiles?: string[];
  globalKnownHostsFiles?: string[];
  hostKeyAlias?: string;
  connectTimeoutSeconds?: number;
}

/** Expands an `Include` argument to the contents of the files it names (none when missing). */
export type IncludeReader = (pattern: string) => string[];

/**
 * Parses ssh_config text: `Keyword value`, `Keyword=value`, `"quoted values"`, `#` comments.
 * `Include` lines are read through `include` (which expands the pattern to file contents); as in
 * ssh, an included file's leading options stay under the including `Host`, and that `Host` goes
 * on after the included file ends.
 */
export function parseSshConfig(text: string, include?: IncludeReader, depth = 0): SshConfigBlock[] {
  const blocks: SshConfigBlock[] = [{ hosts: "all", options: [] }];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) continue;
    const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!match) continue;
    const keyword = (match[1] ?? "").toLowerCase();
    const args = splitArgs(match[2] ?? "");
    const current = blocks.at(-1) ?? { hosts: "all", options: [] };
    if (keyword === "host") {
      blocks.push({ hosts: args, options: [] });
    } else if (keyword === "match") {
      blocks.push({
        hosts: args.length === 1 && args[0]?.toLowerCase() === "all" ? "all" : "never",
        options: [],
      });
    } else if (keyword === "include") {
      if (!include || depth >= 16) continue;
      for (const pattern of args) {
        for (const included of include(pattern)) {
          const [lead, ...rest] = parseSshConfig(included, include, depth + 1);
          blocks.push({ hosts: current.hosts, options: lead?.options ?? [] }, ...rest);
        }
      }
      blocks.push({ hosts: current.hosts, options: [] });
    } else {
      current.options.push({ keyword, args });
    }
  }
  return blocks;
}

function splitArgs(text: string): string[] {
  const args: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const arg = match[1] ?? match[2] ?? "";
    if (match[1] === undefined && arg.startsWith("#")) break;
    args.push(arg);
  }
  return args;
}

/**
 * The options for `host` (the name as given in `ssh://NAME`), with ssh's rule that the first
 * value found wins, except `IdentityFile`, which accumulates.
 */
export function resolveSshHostConfig(blocks: readonly SshConfigBlock[], host: string): SshHostConfig {
  const first = new Map<string, string[]>();
  const identityFiles: string[] = [];
  for (const block of blocks) {
    const applies =
      block.hosts === "all" || (block.hosts !== "never" && matchesPatternList(host, block.hosts));
    if (!applies) continue;
    for (const { keyword, args } of block.options) {
      if (keyword === "identityfile") {
        if (args[0]) identityFiles.push(args[0]);
      } else if (!first.has(keyword) && args.length > 0) {
        first.set(keyword, args);
      }
    }
  }
  const one = (keyword: string) => first.get(keyword)?.[0];
  const config: SshHostConfig = { identityFiles };
  const hostName = one("hostname");
  if (hostName) config.hostName = hostName;
  const user = one("user");
  if (user) config.user = user;
  const port = Number(one("port"));
  if (Number.isInteger(port) && port > 0 && port < 65536) config.port = port;
  const identityAgent = one("identityagent");
  if (identityAgent) config.identityAgent = identityAgent;
  const userKnownHostsFiles = first.get("userknownhostsfile");
  if (userKnownHostsFiles) config.userKnownHostsFiles = userKnownHostsFiles;
  const globalKnownHostsFiles = first.get("globalknownhostsfile");
  if (globalKnownHostsFiles) config.globalKnownHostsFiles = globalKnownHostsFiles;
  const hostKeyAlias = one("hostkeyalias");
  if (hostKeyAlias) config.hostKeyAlias = hostKeyAlias;
  const connectTimeout = Number(one("connecttimeout"));
  if (Number.isFinite(connectTimeout) && connectTimeout > 0) config.connectTimeoutSeconds = connectTimeout;
  return config;
}

/**
 * Reads `path` (usually ~/.ssh/config) with its `Include`s; relative includes are under `sshDir`,
 * `~/` is the home directory, and `*`/`?` in the file name part are expanded. A missing file is
 * empty. Synchronous: a handful of small files, read once per command.
 */
export function loadSshConfig(path: string, sshDir: string, home: string): SshConfigBlock[] {
  const text = readOrUndefined(path);
  if (text === undefined) return [];
  const include: IncludeReader = (pattern) =>
    expandInclude(pattern, sshDir, home)
      .map(readOrUndefined)
      .filter((content): content is string => content !== undefined);
  return parseSshConfig(text, include);
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function expandInclude(pattern: string, sshDir: string, home: string): string[] {
  const absolute = pattern.startsWith("~/")
    ? join(home, pattern.slice(2))
    : isAbsolute(pattern)
      ? pattern
      : join(sshDir, pattern);
  const name = basename(absolute);
  if (!/[*?]/.test(name)) return [absolute];
  const dir = dirname(absolute);
  try {
    return readdirSync(dir)
      .filter((entry) => matchesWildcard(entry, name))
      .sort()
      .map((entry) => join(dir, entry));
  } catch {
    return [];
  }
}
