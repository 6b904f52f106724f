import type { Diagnostic } from "@stackform/schema";
import { ExitCode } from "../cli-error.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { loadStackFiles, printDiagnostics } from "../load-desired.js";
import { typecheckStack } from "../typecheck-stack.js";

/**
 * Every problem in the stack files. The verdict is the result (stdout); diagnostics are
 * diagnostics (stderr), except with `--json`, where they are the result.
 */
export async function validate(globals: GlobalOptions & { typecheck?: boolean }): Promise<void> {
  const result = await loadStackFiles(globals);
  // A stack.ts that loads may still be wrong in ways only its types say (a misspelt variable).
  if (globals.typecheck !== false) {
    for (const file of result.stack?.files.filter((f) => /\.[cm]?ts$/.test(f)) ?? []) {
      result.diagnostics.push(...((await typecheckStack(file, process.cwd())) ?? []));
    }
  }
  const valid = result.stack !== undefined && !result.diagnostics.some((d) => d.severity === "error");
  if (globals.json) {
    printJson({
      valid,
      stack: result.stack?.name ?? null,
      services: result.stack ? Object.keys(result.stack.services).length : null,
      diagnostics: result.diagnostics.map(diagnosticJson),
    });
    if (!valid) throw new ExitCode(1);
    return;
  }
  printDiagnostics(result.diagnostics);
  if (!valid || !result.stack) throw new ExitCode(1);
  const services = Object.keys(result.stack.services).length;
  process.stdout.write(
    `Stack ${result.stack.name} is valid: ${services} service${services === 1 ? "" : "s"}.\n`,
  );
}

/** Every field present in every entry (null when unknown), so consumers need no existence checks. */
function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    file: d.file ?? null,
    line: d.line ?? null,
    column: d.column ?? null,
    code: d.code,
    severity: d.severity,
    message: d.message,
    hint: d.hint ?? null,
    path: d.path ?? null,
  };
}
