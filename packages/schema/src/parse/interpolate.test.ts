// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose `${VAR}` interpolation text, not JS templates.
import { describe, expect, test } from "vitest";
import { parseDotenv } from "./dotenv.js";
import { interpolate } from "./interpolate.js";

const env: Record<string, string> = { NAME: "web", EMPTY: "" };
const lookup = (name: string) => env[name];

describe("Compose interpolation", () => {
  test.each([
    ["$NAME", "web"],
    ["${NAME}", "web"],
    ["pre-${NAME}-post", "pre-web-post"],
    ["${UNSET:-d}", "d"],
    ["${EMPTY:-d}", "d"],
    ["${EMPTY-d}", ""],
    ["${UNSET-d}", "d"],
    ["${NAME:+set}", "set"],
    ["${UNSET:+set}", ""],
    ["${UNSET:-${NAME}}", "web"],
    ["$$NAME costs $$5", "$NAME costs $5"],
    ["no dollars", "no dollars"],
  ])("%s → %s", (text, value) => {
    expect(interpolate(text, lookup).value).toBe(value);
  });

  test("an unset variable is empty, with a warning", () => {
    const result = interpolate("a${UNSET}b$UNSET", lookup);
    expect(result.value).toBe("ab");
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: "warning", code: "unset-variable" }),
    ]);
  });

  test.each([
    ["${UNSET:?needs a value}", "required variable UNSET is missing a value: needs a value"],
    ["${EMPTY:?}", "required variable EMPTY is missing a value"],
    ["${UNSET?x}", "required variable UNSET is missing a value: x"],
  ])("%s is an error", (text, message) => {
    const [problem] = interpolate(text, lookup).problems;
    expect(problem).toMatchObject({ severity: "error", code: "missing-variable", message });
  });

  test("${EMPTY?x} accepts an empty value", () => {
    expect(interpolate("${EMPTY?x}", lookup).problems).toEqual([]);
  });

  test.each(["${NAME", "${}", "$1", "cost: $", "${NAME!}"])("%s is an invalid template", (text) => {
    expect(interpolate(text, lookup).problems[0]?.code).toBe("invalid-interpolation");
  });
});

describe(".env files", () => {
  test("KEY=VALUE lines, comments, quotes, export and interpolation", () => {
    const text = [
      "# comment",
      "",
      "A=1",
      "export B = two ",
      "C='single $NAME # kept'",
      'D="double ${NAME}\\nline"',
      "E=unquoted # comment",
      "F=${A}-${NAME}",
      "NAME",
      'G="multi',
      'line"',
    ].join("\n");
    expect(parseDotenv(text, lookup)).toEqual({
      values: {
        A: "1",
        B: "two",
        C: "single $NAME # kept",
        D: "double web\nline",
        E: "unquoted",
        F: "1-web",
        NAME: "web",
        G: "multi\nline",
      },
      problems: [],
    });
  });

  test("bad lines are problems with their line number", () => {
    expect(parseDotenv("OK=1\n1BAD=2\n", lookup).problems).toEqual([
      expect.objectContaining({ line: 2, code: "invalid-env-file" }),
    ]);
  });
});
