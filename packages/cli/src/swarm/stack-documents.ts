import { parse } from "yaml";
import type { GlobalOptions } from "../global-options.js";
import { stackFileTexts } from "../stack-file-texts.js";

/**
 * The YAML documents of the stack files, parsed as they are (no interpolation): Swarm-only keys
 * and the target are read from them. A `stack.ts` file is skipped; files that do not parse are the
 * loader's to report.
 */
export function stackDocuments(globals: GlobalOptions, files?: string[]): Record<string, unknown>[] {
  return stackFileTexts(globals, files).flatMap(({ text }) => {
    const doc = text === undefined ? undefined : parseStackDocument(text);
    return doc ? [doc] : [];
  });
}

export function parseStackDocument(text: string): Record<string, unknown> | undefined {
  try {
    const doc = parse(text) as unknown;
    return doc && typeof doc === "object" && !Array.isArray(doc)
      ? (doc as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
