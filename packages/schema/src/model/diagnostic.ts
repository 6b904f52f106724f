/** One problem found in the user's input. Collected, never thrown one by one. */
export interface Diagnostic {
  severity: "error" | "warning";
  /** Stable machine code, e.g. `unknown-key`, `dependency-cycle`. */
  code: string;
  message: string;
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** Path inside the document, e.g. `["services", "web", "ports", 0]`. */
  path?: (string | number)[];
  hint?: string;
}
