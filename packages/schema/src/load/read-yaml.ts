import { isMap, LineCounter, parseDocument } from "yaml";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";

const SYNTAX_HINTS: Record<string, string> = {
  DUPLICATE_KEY: "remove one of the two entries; a key may appear once in a mapping",
  BAD_INDENT:
    "check the indentation: nested entries need more spaces than their parent, and tabs are not allowed",
  TAB_AS_INDENT: "indent with spaces; YAML does not allow tabs",
  MISSING_CHAR: "a quote or bracket is not closed",
  MULTIPLE_DOCS: "a stack file holds one YAML document; remove the `---` separator",
  BLOCK_AS_IMPLICIT_KEY: "put a space after the colon and check the indentation",
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line; check for a missing colon or quote",
};

/** Parses one YAML stack file, reporting every syntax error with its position. */
export function readYaml(text: string, displayName: string, sink: DiagnosticSink) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    merge: true,
    uniqueKeys: true,
    // Problems are diagnostics; the yaml package must not print warnings of its own.
    logLevel: "error",
  });
  for (const error of doc.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const duplicate = error.code === "DUPLICATE_KEY";
    sink.error({
      code: duplicate ? "duplicate-key" : "yaml-syntax",
      message: duplicate
        ? "this key appears twice in the same mapping"
        : (error.message.split("\n")[0] ?? error.message),
      hint: SYNTAX_HINTS[error.code] ?? "fix the YAML syntax here",
      position: { file: displayName, line, column: col },
    });
  }
  if (doc.errors.length > 0) return undefined;
  const contents = doc.contents;
  if (contents === null || (contents as { value?: unknown }).value === null) {
    sink.error({
      code: "empty-file",
      message: "the stack file is empty",
      hint: "add a `services:` mapping, e.g. services: { web: { image: nginx } }",
      position: { file: displayName, line: 1, column: 1 },
    });
    return undefined;
  }
  if (!isMap(contents)) {
    const { line, col } = lineCounter.linePos(contents.range?.[0] ?? 0);
    sink.error({
      code: "not-a-mapping",
      message: "the top level of a stack file must be a mapping",
      hint: "start with `services:` (and optionally `name:`, `networks:`, `volumes:`)",
      position: { file: displayName, line, column: col },
    });
    return undefined;
  }
  return { doc, lineCounter };
}
