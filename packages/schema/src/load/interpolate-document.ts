import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node, Scalar } from "yaml";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { formatPath } from "../diagnostics/document-path.js";
import { interpolate, type Lookup } from "../parse/interpolate.js";
import { keyText } from "./yaml-nodes.js";

/**
 * A plain (unquoted) scalar whose text was interpolated is typed again as YAML would type the
 * result, so `replicas: ${REPLICAS}` is a number and `image: "${TAG}"` stays a string.
 */
function retype(text: string): string | number | boolean {
  if (/^-?\d+(?:\.\d+)?$/.test(text) && Number.isSafeInteger(Math.trunc(Number(text)))) return Number(text);
  if (text === "true") return true;
  if (text === "false") return false;
  return text;
}

/** Interpolates every string value of a document in place; keys are never interpolated. */
export function interpolateDocument(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  lookup: Lookup,
  displayName: string,
  sink: DiagnosticSink,
): void {
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyText(pair.key);
        if (key !== undefined) walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) walk(item, [...path, index]);
    } else if (isScalar(node) && typeof node.value === "string") {
      const result = interpolate(node.value, lookup);
      for (const problem of result.problems) {
        const { line, col } = lineCounter.linePos((node as Node).range?.[0] ?? 0);
        sink.add(problem.severity, {
          code: problem.code,
          message: `${formatPath(path)}: ${problem.message}`,
          hint: problem.hint,
          path,
          position: { file: displayName, line, column: col },
        });
      }
      if (result.changed) node.value = node.type === Scalar.PLAIN ? retype(result.value) : result.value;
    }
  };
  walk(doc.contents, []);
}
