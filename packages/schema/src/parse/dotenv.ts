import { type InterpolationProblem, interpolate, type Lookup } from "./interpolate.js";

export interface DotenvProblem {
  /** 1-based line in the env file. */
  line: number;
  message: string;
  hint: string;
  severity: "error" | "warning";
  code: string;
}

export interface Dotenv {
  values: Record<string, string>;
  problems: DotenvProblem[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\", $: "$$" };

/**
 * Parses a `.env` / `env_file` text: `KEY=VALUE` lines, `export ` prefixes, `#` comments, single
 * quotes literal, double quotes with escapes, unquoted values trimmed and cut at ` #`.
 * Unquoted and double-quoted values are interpolated as Compose does, earlier keys first.
 */
export function parseDotenv(text: string, lookup: Lookup): Dotenv {
  const values: Record<string, string> = {};
  const problems: DotenvProblem[] = [];
  const lines = text.split(/\r?\n/);
  const scoped: Lookup = (name) => values[name] ?? lookup(name);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const trimmed = (lines[index] ?? "").trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const body = trimmed.startsWith("export ") ? trimmed.slice(7).trimStart() : trimmed;
    const eq = body.indexOf("=");
    const key = (eq < 0 ? body : body.slice(0, eq)).trim();
    if (!KEY.test(key)) {
      problems.push({
        line,
        severity: "error",
        code: "invalid-env-file",
        message: `"${key}" is not a variable name`,
        hint: "write KEY=VALUE lines; names start with a letter or _",
      });
      continue;
    }
    if (eq < 0) {
      // A bare KEY takes the value from the environment, like a bare `environment:` entry.
      const value = lookup(key);
      if (value !== undefined) values[key] = value;
      continue;
    }
    let raw = body.slice(eq + 1).trim();
    let value: string;
    let interpolated = true;
    if (raw.startsWith("'")) {
      const end = raw.indexOf("'", 1);
      value = end < 0 ? raw.slice(1) : raw.slice(1, end);
      interpolated = false;
    } else if (raw.startsWith('"')) {
      let end = 1;
      while (end < raw.length && raw[end] !== '"') end += raw[end] === "\\" ? 2 : 1;
      // A double-quoted value may continue over several lines.
      while (end >= raw.length && index + 1 < lines.length) {
        index++;
        raw += `\n${lines[index] ?? ""}`;
        while (end < raw.length && raw[end] !== '"') end += raw[end] === "\\" ? 2 : 1;
      }
      value = raw.slice(1, end).replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? `\\${c}`);
    } else {
      const comment = raw.search(/\s#/);
      value = (comment < 0 ? raw : raw.slice(0, comment)).trim();
    }
    if (interpolated) {
      const result = interpolate(value, scoped);
      value = result.value;
      problems.push(...result.problems.map((p: InterpolationProblem) => ({ ...p, line })));
    }
    values[key] = value;
  }
  return { values, problems };
}
