import type { Diagnostic } from "../model/diagnostic.js";

export interface FormatOptions {
  color?: boolean;
}

const paint = (color: boolean, code: string, text: string): string =>
  color ? `\u001b[${code}m${text}\u001b[0m` : text;

/** `file:line:col: error[code]: message` and, on the next line, `  hint: ...`, as the CLI prints them. */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions = {}): string {
  const color = options.color ?? false;
  let where = diagnostic.file ?? "";
  if (where !== "" && diagnostic.line !== undefined) {
    where += `:${diagnostic.line}`;
    if (diagnostic.column !== undefined) where += `:${diagnostic.column}`;
  }
  const severity = paint(
    color,
    diagnostic.severity === "error" ? "1;31" : "1;33",
    `${diagnostic.severity}[${diagnostic.code}]`,
  );
  let text = `${where === "" ? "" : `${paint(color, "1", where)}: `}${severity}: ${diagnostic.message}`;
  if (diagnostic.hint) text += `\n  ${paint(color, "36", "hint")}: ${diagnostic.hint}`;
  return text;
}
