import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DiagnosticSink } from "../src/diagnostics/diagnostic-sink.js";
import { loadStack } from "../src/index.js";
import { readYaml } from "../src/load/read-yaml.js";

const dir = mkdtempSync(join(tmpdir(), "stackform-yaml-mistakes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const web = "services:\n  web:\n    image: nginx\n";

/**
 * Hand-made mistakes in stack files: where each one is (1-based line:column of the mistake, not of
 * where the parser gave up), its code, and words the hint must contain.
 */
const corpus: { name: string; text: string; code: string; at: string; hint: string }[] = [
  {
    name: "a stray space before a key",
    text: `${web}     command: echo\n`,
    code: "yaml-syntax",
    at: "4:6",
    hint: "align `command` with `image` (column 5)",
  },
  {
    name: "a key indented one space less than its siblings",
    text: `${web}   command: echo\n`,
    code: "yaml-syntax",
    at: "4:4",
    hint: "align `command` with `image` (column 5)",
  },
  {
    name: "a tab used for indentation",
    text: "services:\n  web:\n\timage: nginx\n",
    code: "yaml-syntax",
    at: "3:1",
    hint: "indent with spaces",
  },
  {
    name: "a tab after spaces",
    text: "services:\n  web:\n  \timage: nginx\n",
    code: "yaml-syntax",
    at: "3:3",
    hint: "indent with spaces",
  },
  {
    name: "a missing space after a colon",
    text: "services:\n  web:\n    image:nginx\n    command: echo\n",
    code: "yaml-syntax",
    at: "3:10",
    hint: "put a space after the colon: `image: nginx`",
  },
  {
    name: "a missing space after a colon below closed brackets and comments",
    text: `${web}    ports: ["80:80"] # web\n    labels: {a: b}   # x\n    user: "x" # y\n    restart:always\n`,
    code: "yaml-syntax",
    at: "7:12",
    hint: "`restart: always`",
  },
  {
    name: "a missing space after a colon on the last line",
    text: `${web}    restart:always\n`,
    code: "yaml-syntax",
    at: "4:12",
    hint: "`restart: always`",
  },
  {
    name: "an unclosed double quote",
    text: 'services:\n  web:\n    image: "nginx\n    command: echo\n',
    code: "yaml-syntax",
    at: "3:12",
    hint: 'end the string with "',
  },
  {
    name: "an unclosed single quote in the middle of the file",
    text: "services:\n  web:\n    image: 'nginx\n    command: echo\n  db:\n    image: 'postgres'\n",
    code: "yaml-syntax",
    at: "3:12",
    hint: "end the string with '",
  },
  {
    name: "a quote inside a double-quoted string",
    text: `${web}    command: "echo "hi""\n`,
    code: "yaml-syntax",
    at: "4:21",
    hint: 'write \\" inside',
  },
  {
    name: "a list item indented further than the one above",
    text: `${web}    ports:\n    - "80:80"\n      - "81:81"\n`,
    code: "yaml-syntax",
    at: "6:7",
    hint: "same column",
  },
  {
    name: "a list item indented less than the one above",
    text: `${web}    ports:\n      - "80:80"\n     - "81:81"\n`,
    code: "yaml-syntax",
    at: "6:6",
    hint: "same column",
  },
  {
    name: "a list item back at the key's column",
    text: `${web}    ports:\n      - "80:80"\n    - "81:81"\n`,
    code: "yaml-syntax",
    at: "6:5",
    hint: "same column",
  },
  {
    name: "a list item among mapping entries",
    text: `${web}    environment:\n      A: "1"\n      - B=2\n`,
    code: "yaml-syntax",
    at: "6:7",
    hint: "write all entries one way",
  },
  {
    name: "a duplicate key",
    text: `${web}    ports: ["80:80"]\n    image: httpd\n`,
    code: "duplicate-key",
    at: "5:5",
    hint: "remove one of the two entries",
  },
  {
    name: "a key without a colon",
    text: "services:\n  web:\n    image nginx\n    command: echo\n",
    code: "yaml-syntax",
    at: "3:5",
    hint: "`image: nginx`",
  },
  {
    name: "a lone word without a colon",
    text: `${web}    privileged\n`,
    code: "yaml-syntax",
    at: "4:5",
    hint: "`privileged: VALUE`",
  },
  {
    name: "a value with a colon and a space in it",
    text: `${web}    command: echo a: b\n`,
    code: "yaml-syntax",
    at: "4:14",
    hint: 'quote the value: command: "echo a: b"',
  },
  {
    name: "a mapping where a list is expected",
    text: `${web}    ports:\n      http: "80:80"\n`,
    code: "invalid-type",
    at: "5:7",
    hint: "start each entry with `- `",
  },
  {
    name: "list entries without `- `",
    text: `${web}    ports:\n      "80:80"\n      "81:81"\n`,
    code: "yaml-syntax",
    at: "5:7",
    hint: 'start each entry of the list with `- `, like `- "80:80"`',
  },
  {
    name: "one list entry without `- `",
    text: `${web}    ports:\n      "80:80"\n`,
    code: "invalid-type",
    at: "5:7",
    hint: "start each entry with `- `",
  },
  {
    name: "no space after `-`",
    text: `${web}    ports:\n      -"80:80"\n`,
    code: "invalid-type",
    at: "5:7",
    hint: "put a space after the `-`",
  },
  {
    name: "an unclosed flow sequence before the next key",
    text: `${web}    ports: ["80:80", "81:81"\n    command: echo\n`,
    code: "yaml-syntax",
    at: "4:12",
    hint: "close the list with `]`",
  },
  {
    name: "an unclosed flow sequence at the end of the file",
    text: `${web}    command: [echo, hi\n`,
    code: "yaml-syntax",
    at: "4:14",
    hint: "close the list with `]`",
  },
  {
    name: "an unclosed flow mapping",
    text: "services:\n  web: {image: nginx\n",
    code: "yaml-syntax",
    at: "2:8",
    hint: "close the mapping with `}`",
  },
  {
    name: "one bracket too many",
    text: `${web}    ports: ["80:80"]]\n`,
    code: "yaml-syntax",
    at: "4:21",
    hint: "remove it",
  },
  {
    name: "a YAML 1.1 base-60 port",
    text: `%YAML 1.1\n---\n${web}    ports: [22:22]\n`,
    code: "yaml-syntax",
    at: "6:13",
    hint: 'quote it: "22:22"',
  },
];

describe("YAML mistakes are reported where they are", () => {
  test("the corpus is large enough to mean something", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
  });

  test.each(corpus.map((c, i) => ({ ...c, i })))(
    "$name → $code at $at",
    async ({ text, code, at, hint, i }) => {
      const file = `mistake-${i}.yaml`;
      writeFileSync(join(dir, file), text);
      const result = await loadStack({ cwd: dir, files: [file], env: {} });
      expect(result.stack).toBeUndefined();
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      // One mistake is one diagnostic, not a cascade of parser complaints.
      expect(errors, JSON.stringify(errors, null, 1)).toHaveLength(1);
      const [error] = errors;
      expect({ code: error?.code, at: `${error?.line}:${error?.column}`, file: error?.file }).toEqual({
        code,
        at,
        file,
      });
      expect(error?.hint).toContain(hint);
    },
  );
});

describe("the explanation never gets in the way", () => {
  const valid = `services:
  web:
    image: "nginx:1.27"
    ports: ["127.0.0.1:8080:80", '9000/udp']
    environment:
      - A=1
    command: [echo, "a: b"]
    labels: {x: y}
`;
  const edits = ["", " ", "  ", "\t", ":", '"', "'", "[", "]", "{", "}", "- ", "\n", "#", "-"];

  // Every small edit of a valid file: the reader answers with diagnostics that point inside the
  // file, and never throws.
  test("every one-edit mutation of a valid file is reported inside the file", () => {
    let broken = 0;
    const outside: string[] = [];
    // Each position gets two edits, an insertion and a replacement, cycling through `edits`: every
    // edit meets every kind of place (key, value, indentation, quotes, brackets) at a bearable cost.
    for (let at = 0; at < valid.length; at++) {
      const mutations = [
        { edit: edits[at % edits.length] ?? "", removed: 0 },
        { edit: edits[(at * 7 + 3) % edits.length] ?? "", removed: 1 },
      ];
      for (const { edit, removed } of mutations) {
        const text = valid.slice(0, at) + edit + valid.slice(at + removed);
        const lines = text.split("\n");
        const sink = new DiagnosticSink();
        readYaml(text, "stack.yaml", sink);
        if (sink.hasErrors) broken++;
        for (const d of sink.diagnostics) {
          const line = lines[(d.line ?? 0) - 1];
          const inside = line !== undefined && (d.column ?? 0) >= 1 && (d.column ?? 0) <= line.length + 1;
          if (!inside || !/\S/.test(d.hint ?? ""))
            outside.push(`${d.line}:${d.column} in ${JSON.stringify(text)}`);
        }
      }
    }
    expect(outside).toEqual([]);
    expect(broken).toBeGreaterThan(50);
  }, 60_000);
});
