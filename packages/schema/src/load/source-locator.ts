import type { Anchor, SourcePosition } from "../diagnostics/diagnostic-sink.js";
import type { StackSource } from "./stack-source.js";
import { findNode } from "./yaml-nodes.js";

/**
 * Maps a path in the merged data back to a file position: the file that defines most of the
 * path (later files win ties, as they override), then the key or value node there.
 */
export function locateIn(
  sources: readonly StackSource[],
  path: readonly (string | number)[],
  anchor: Anchor,
): SourcePosition {
  let best: { source: StackSource; position: SourcePosition; depth: number } | undefined;
  for (const source of sources) {
    if (!source.yaml) {
      const depth = typeof source.data === "object" && source.data !== null ? 0 : -1;
      if (!best || depth >= best.depth) best = { source, position: { file: source.displayName }, depth };
      continue;
    }
    const { doc, lineCounter } = source.yaml;
    const found = findNode(doc, path);
    if (best && found.depth < best.depth) continue;
    const exact = found.depth === path.length;
    const node = exact && anchor === "key" && found.key ? found.key : (found.node ?? found.key);
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    best = { source, position: { file: source.displayName, line, column: col }, depth: found.depth };
  }
  return best?.position ?? {};
}
