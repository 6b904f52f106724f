import type { Diagnostic } from "../model/diagnostic.js";

/** Where in the user's files a path points. */
export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
}

/** Whether to point at a mapping key (unknown keys) or at the value (wrong values). */
export type Anchor = "key" | "value";

export type Locate = (path: readonly (string | number)[], anchor: Anchor) => SourcePosition;

export interface Problem {
  code: string;
  message: string;
  hint?: string;
  path?: (string | number)[];
  anchor?: Anchor;
  /** An explicit position wins over locating `path`. */
  position?: SourcePosition;
}

/** Collects diagnostics, filling in file positions from the document paths. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private locate: Locate = () => ({})) {}

  setLocator(locate: Locate): void {
    this.locate = locate;
  }

  error(problem: Problem): void {
    this.add("error", problem);
  }

  warning(problem: Problem): void {
    this.add("warning", problem);
  }

  add(severity: Diagnostic["severity"], problem: Problem): void {
    const position =
      problem.position ?? (problem.path ? this.locate(problem.path, problem.anchor ?? "value") : {});
    const diagnostic: Diagnostic = { severity, code: problem.code, message: problem.message };
    if (position.file !== undefined) diagnostic.file = position.file;
    if (position.line !== undefined) diagnostic.line = position.line;
    if (position.column !== undefined) diagnostic.column = position.column;
    if (problem.path !== undefined) diagnostic.path = problem.path;
    if (problem.hint !== undefined) diagnostic.hint = problem.hint;
    this.diagnostics.push(diagnostic);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === "error");
  }

  /** Errors raised at or under a path prefix, e.g. one service's key. */
  hasErrorsUnder(prefix: readonly (string | number)[]): boolean {
    return this.diagnostics.some(
      (d) =>
        d.severity === "error" &&
        d.path !== undefined &&
        prefix.every((segment, i) => d.path?.[i] === segment),
    );
  }
}
