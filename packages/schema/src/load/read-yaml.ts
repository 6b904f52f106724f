import { isMap, LineCounter, parseDocument, Scalar, visit } from "yaml";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { type YamlMistake, YamlMistakes } from "../diagnostics/yaml-mistakes.js";

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
  if (doc.errors.length > 0) {
    // One mistake often makes the parser fail several times; report each place once.
    const mistakes = new YamlMistakes(text, doc, lineCounter);
    const reported = new Map<number, YamlMistake>();
    for (const error of doc.errors) {
      const mistake = mistakes.explain(error);
      if (!reported.has(mistake.line)) reported.set(mistake.line, mistake);
    }
    for (const mistake of reported.values()) {
      sink.error({
        code: mistake.code,
        message: mistake.message,
        hint: mistake.hint,
        position: { file: displayName, line: mistake.line, column: mistake.column },
      });
    }
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
  if (!reportBase60(doc, text, lineCounter, displayName, sink)) return undefined;
  return { doc, lineCounter };
}

/**
 * Under `%YAML 1.1` an unquoted `22:22` or `1:2:3` is a base-60 number (1342, 3723): a port
 * mapping would silently become another port. Returns false when it found one.
 */
function reportBase60(
  doc: ReturnType<typeof parseDocument>,
  text: string,
  lineCounter: LineCounter,
  displayName: string,
  sink: DiagnosticSink,
): boolean {
  let clean = true;
  visit(doc, {
    Scalar: (_key, node) => {
      if (node.type !== Scalar.PLAIN || typeof node.value !== "number" || !node.range) return;
      const source = text.slice(node.range[0], node.range[1]).trim();
      if (!source.includes(":")) return;
      clean = false;
      const { line, col } = lineCounter.linePos(node.range[0]);
      sink.error({
        code: "yaml-syntax",
        message: `\`${source}\` is read as the base-60 number ${node.value} (YAML 1.1)`,
        hint: `quote it: "${source}"`,
        position: { file: displayName, line, column: col },
      });
    },
  });
  return clean;
}
