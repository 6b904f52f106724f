import type { Document, LineCounter } from "yaml";

/** One loaded stack file: its data after interpolation, and for YAML the document for positions. */
export interface StackSource {
  /** Absolute path. */
  file: string;
  /** How diagnostics name the file (relative to the loader's cwd when inside it). */
  displayName: string;
  data: unknown;
  yaml?: { doc: Document.Parsed; lineCounter: LineCounter };
}
