import type * as z from "zod";
import { unsupportedKeysOf } from "../schema/compose-object.js";
import { HINT_SEPARATOR, type IssueParams } from "../schema/value-schemas.js";
import type { DiagnosticSink } from "./diagnostic-sink.js";
import { didYouMean } from "./did-you-mean.js";
import { describeType, formatPath, valueAt } from "./document-path.js";
import { objectSchemaAt } from "./schema-at.js";

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean (true or false)",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  null: "empty",
};

const toPath = (path: readonly PropertyKey[]): Path =>
  path.map((segment) => (typeof segment === "number" ? segment : String(segment)));

/** What to write when a list was expected: the usual slip is a missing `- ` or one without a space. */
function listHint(given: unknown): string {
  if (typeof given === "string" && /^-\S/.test(given))
    return `put a space after the \`-\`: \`- ${given.slice(1)}\``;
  if (typeof given === "string" || typeof given === "number")
    return `start each entry with \`- \` on a line of its own, or write [${JSON.stringify(given)}]`;
  if (typeof given === "object" && given !== null)
    return "start each entry with `- `; lines of `key: value` make a mapping, not a list";
  return "write a list here: one entry per line, each starting with `- `";
}

/** Turns zod issues for the merged stack data into diagnostics with our codes, messages and hints. */
export class IssueReporter {
  constructor(
    private readonly root: z.core.$ZodType,
    private readonly data: unknown,
    private readonly sink: DiagnosticSink,
  ) {}

  report(issues: readonly Issue[], prefix: Path = []): void {
    for (const issue of issues) this.one(issue, [...prefix, ...toPath(issue.path)]);
  }

  private one(issue: Issue, path: Path): void {
    const where = formatPath(path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) this.unknownKey(path, key);
        return;
      case "invalid_union":
        this.union(issue, path);
        return;
      case "invalid_type":
        if (issue.message.includes(HINT_SEPARATOR) && valueAt(this.data, path) !== undefined) {
          const [message, hint] = issue.message.split(HINT_SEPARATOR);
          this.sink.error({ code: "invalid-type", message: `${where}: ${message}`, hint: hint ?? "", path });
        } else this.invalidType(path, issue.expected);
        return;
      case "invalid_value": {
        const given = valueAt(this.data, path);
        const choices = issue.values.map((v) => String(v));
        const suggestion = typeof given === "string" ? didYouMean(given, choices) : undefined;
        this.sink.error({
          code: "invalid-value",
          message: `${where} is ${JSON.stringify(given)}, which is not one of ${choices.join(", ")}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : `use one of ${choices.join(", ")}`,
          path,
        });
        return;
      }
      case "invalid_key":
        this.sink.error({
          code: "invalid-name",
          message: `${JSON.stringify(path[path.length - 1])} is not a valid name in ${formatPath(path.slice(0, -1))}`,
          hint: "names use letters, digits, '_', '.' and '-', and start with a letter or digit",
          path,
          anchor: "key",
        });
        return;
      case "custom": {
        const params = (issue.params ?? {}) as Partial<IssueParams>;
        this.sink.error({
          code: params.code ?? "invalid-value",
          message: `${where}: ${issue.message}`,
          hint: params.hint ?? "see the Compose specification for this key",
          path,
        });
        return;
      }
      case "too_small":
      case "too_big":
        this.sink.error({
          code: "invalid-value",
          message: `${where}: ${JSON.stringify(valueAt(this.data, path))} is too ${issue.code === "too_small" ? "small" : "big"}`,
          hint: issue.message,
          path,
        });
        return;
      default:
        this.sink.error({
          code: "invalid-value",
          message: `${where}: ${issue.message}`,
          hint: "see the Compose specification for this key",
          path,
        });
    }
  }

  private invalidType(path: Path, expected: string): void {
    const given = valueAt(this.data, path);
    const where = formatPath(path);
    if (given === undefined) {
      const key = path[path.length - 1];
      this.sink.error({
        code: "missing-key",
        message: `${formatPath(path.slice(0, -1))} needs \`${String(key)}\``,
        hint: `add \`${String(key)}:\` with ${EXPECTED[expected] ?? expected}`,
        path: path.slice(0, -1),
        anchor: "key",
      });
      return;
    }
    const wanted = EXPECTED[expected] ?? expected;
    this.sink.error({
      code: "invalid-type",
      message: `${where} must be ${wanted}, not ${describeType(given)}`,
      hint:
        expected === "string" && (typeof given === "number" || typeof given === "boolean")
          ? `quote it: "${String(given)}"`
          : expected === "int"
            ? "write a whole number"
            : expected === "array"
              ? listHint(given)
              : `write ${wanted} here`,
      path,
    });
  }

  /** Reports the issues of the alternative the value was evidently meant for. */
  private union(issue: Extract<Issue, { code: "invalid_union" }>, path: Path): void {
    const typeMismatch = (branch: readonly Issue[]) =>
      branch.some(
        (i) =>
          i.path.length === 0 &&
          (i.code === "invalid_type" || (i.code === "invalid_union" && this.allMismatch(i))),
      );
    const meant = issue.errors.find((branch) => !typeMismatch(branch));
    if (meant) {
      this.report(meant, path);
      return;
    }
    const expected = [
      ...new Set(
        issue.errors.flatMap((branch) =>
          branch.flatMap((i) => (i.code === "invalid_type" ? [EXPECTED[i.expected] ?? i.expected] : [])),
        ),
      ),
    ];
    const given = valueAt(this.data, path);
    this.sink.error({
      code: "invalid-type",
      message: `${formatPath(path)} must be ${expected.join(" or ")}, not ${describeType(given)}`,
      hint: expected.includes(EXPECTED.array ?? "") ? listHint(given) : `write ${expected.join(" or ")} here`,
      path,
    });
  }

  private allMismatch(issue: Extract<Issue, { code: "invalid_union" }>): boolean {
    return issue.errors.every((branch) =>
      branch.some((i) => i.path.length === 0 && i.code === "invalid_type"),
    );
  }

  private unknownKey(objectPath: Path, key: string): void {
    // Extension keys are the user's own, as in Compose.
    if (key.startsWith("x-")) return;
    const path = [...objectPath, key];
    const schema = objectSchemaAt(this.root, objectPath);
    const where = formatPath(objectPath);
    const unsupported = schema ? unsupportedKeysOf(schema) : {};
    const reason = unsupported[key];
    if (reason !== undefined) {
      this.sink.error({
        code: "unsupported-key",
        message: `\`${key}\` in ${where} is a Compose key that Stackform does not support`,
        hint: reason,
        path,
        anchor: "key",
      });
      return;
    }
    const known = schema ? Object.keys(schema.shape) : [];
    const suggestion = didYouMean(key, known);
    this.sink.error({
      code: "unknown-key",
      message: `unknown key \`${key}\` in ${where}`,
      hint: suggestion
        ? `did you mean \`${suggestion}\`?`
        : known.length > 0
          ? `keys allowed here: ${known.join(", ")}`
          : "remove it",
      path,
      anchor: "key",
    });
  }
}
