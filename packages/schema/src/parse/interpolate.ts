/** Looks a variable up; `undefined` when it is not set. */
export type Lookup = (name: string) => string | undefined;

export interface InterpolationProblem {
  severity: "error" | "warning";
  code: "missing-variable" | "invalid-interpolation" | "unset-variable";
  message: string;
  hint: string;
}

export interface Interpolated {
  value: string;
  /** Whether any `$` substitution happened (a plain YAML scalar is then re-typed). */
  changed: boolean;
  problems: InterpolationProblem[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const LITERAL_HINT = "write $$ for a literal $";

class Interpolator {
  readonly problems: InterpolationProblem[] = [];
  changed = false;
  private readonly warned = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly lookup: Lookup,
  ) {}

  /** Expands from `start` to the end, or to the `}` closing a `${...}` when `nested`. */
  expand(start: number, nested: boolean): { value: string; end: number; closed: boolean } {
    const text = this.text;
    let out = "";
    let i = start;
    while (i < text.length) {
      const c = text[i];
      if (nested && c === "}") return { value: out, end: i + 1, closed: true };
      if (c !== "$") {
        out += c;
        i++;
        continue;
      }
      this.changed = true;
      const next = text[i + 1];
      if (next === "$") {
        out += "$";
        i += 2;
      } else if (next === "{") {
        const braced = this.braced(i + 2);
        if (!braced) return { value: out, end: text.length, closed: false };
        out += braced.value;
        i = braced.end;
      } else {
        const name = NAME.exec(text.slice(i + 1))?.[0];
        if (name === undefined) {
          this.invalid(`"$" at position ${i + 1} is not followed by a variable name`);
          return { value: out, end: text.length, closed: false };
        }
        out += this.variable(name) ?? "";
        i += 1 + name.length;
      }
    }
    return { value: out, end: i, closed: false };
  }

  private braced(start: number): { value: string; end: number } | undefined {
    const text = this.text;
    const name = NAME.exec(text.slice(start))?.[0];
    if (name === undefined) {
      this.invalid(`"\${" at position ${start - 1} is not followed by a variable name`);
      return undefined;
    }
    let i = start + name.length;
    if (text[i] === "}") return { value: this.variable(name) ?? "", end: i + 1 };
    const operator = /^(:-|-|:\?|\?|:\+|\+)/.exec(text.slice(i))?.[0];
    if (operator === undefined) {
      this.invalid(`"\${${name}" is not closed by "}" or followed by :-, -, :?, ?, :+ or +`);
      return undefined;
    }
    i += operator.length;
    const argument = this.expand(i, true);
    if (!argument.closed) {
      this.invalid(`"\${${name}${operator}" is not closed by "}"`);
      return undefined;
    }
    const raw = this.lookup(name);
    const unsetOrEmpty = raw === undefined || raw === "";
    const missing = operator.startsWith(":") ? unsetOrEmpty : raw === undefined;
    switch (operator) {
      case ":-":
      case "-":
        return { value: missing ? argument.value : (raw ?? ""), end: argument.end };
      case ":+":
      case "+":
        return { value: missing ? "" : argument.value, end: argument.end };
      default:
        if (missing) {
          this.problems.push(missingVariable(name, argument.value));
        }
        return { value: raw ?? "", end: argument.end };
    }
  }

  private variable(name: string): string | undefined {
    const value = this.lookup(name);
    if (value === undefined && !this.warned.has(name)) {
      this.warned.add(name);
      this.problems.push({
        severity: "warning",
        code: "unset-variable",
        message: `variable ${name} is not set; using an empty string`,
        hint: `set ${name} in the environment or in .env, or give a default: \${${name}:-default}`,
      });
    }
    return value;
  }

  private invalid(message: string): void {
    this.problems.push({ severity: "error", code: "invalid-interpolation", message, hint: LITERAL_HINT });
  }
}

/** `${NAME:?message}` with NAME unset or empty; a stack.ts's `required()` reports the same. */
export function missingVariable(name: string, message: string): InterpolationProblem {
  return {
    severity: "error",
    code: "missing-variable",
    message: `required variable ${name} is missing a value${message ? `: ${message}` : ""}`,
    hint: `set ${name} in the environment or in the .env file beside the stack file`,
  };
}

/** Compose interpolation: `$V`, `${V}`, `${V:-d}`, `${V-d}`, `${V:?e}`, `${V?e}`, `${V:+r}`, `$$`. */
export function interpolate(text: string, lookup: Lookup): Interpolated {
  if (!text.includes("$")) return { value: text, changed: false, problems: [] };
  const interpolator = new Interpolator(text, lookup);
  const { value } = interpolator.expand(0, false);
  return { value, changed: interpolator.changed, problems: interpolator.problems };
}
