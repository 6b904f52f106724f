import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import type { StackVariables } from "../define-stack.js";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { type InterpolationProblem, type Lookup, missingVariable } from "../parse/interpolate.js";

/**
 * The define-stack module a stack.ts's `import "stackform"` gets: beside this file in the CLI
 * bundle (packages/cli/dist/bin), one folder up in this package's dist (`.js`) or sources (`.ts`).
 * The single executable has no files beside it: there `defineStack` (the identity) is written to
 * a private temporary folder (not a fixed /tmp name another user could plant), removed after.
 */
function defineStackModule(): { path: string; dispose(): void } {
  for (const candidate of ["./define-stack.js", "../define-stack.js", "../define-stack.ts"]) {
    try {
      const path = fileURLToPath(new URL(candidate, import.meta.url));
      if (existsSync(path)) return { path, dispose: () => {} };
    } catch {
      // No file URL for this module (the single executable's bundle).
    }
  }
  const dir = mkdtempSync(join(tmpdir(), "stackform-"));
  // CommonJS: the executable cannot import() an ES module from disk, jiti can require this.
  const path = join(dir, "define-stack.cjs");
  writeFileSync(path, "exports.defineStack = (input) => input;\n");
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

interface Position {
  line?: number;
  column?: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where an error in the stack file happened. A syntax error's message ends with `file:line:col`
 * where the column counts from 0 (jiti's parser); a thrown error's stack trace counts from 1.
 */
function positionIn(error: unknown, file: string): Position {
  if (!(error instanceof Error)) return {};
  const at = (text: string) => new RegExp(`${escapeRegExp(file)}:(\\d+):(\\d+)`).exec(text);
  const parse = /^ParseError:/.test(error.message) ? at(error.message) : null;
  if (parse) return { line: Number(parse[1]), column: Number(parse[2]) + 1 };
  const thrown = at(error.stack ?? "");
  return thrown ? { line: Number(thrown[1]), column: Number(thrown[2]) } : {};
}

/** The module's default export (or `module.exports`); a stack object never has a `default` key. */
function defaultExport(loaded: unknown): unknown {
  let value = loaded;
  for (
    let depth = 0;
    depth < 2 && value !== null && typeof value === "object" && "default" in value;
    depth++
  ) {
    value = (value as { default: unknown }).default;
  }
  return value;
}

/** The variables a `defineStack((vars) => ...)` stack receives, and the problems `required` met. */
function stackVariables(lookup: Lookup, file: string) {
  const problems: { problem: InterpolationProblem; position: Position }[] = [];
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_, name) => (typeof name === "string" ? lookup(name) : undefined),
    has: (_, name) => typeof name === "string" && lookup(name) !== undefined,
  });
  const variables: StackVariables = {
    env,
    required(name, message = "") {
      const value = lookup(name);
      if (value !== undefined && value !== "") return value;
      problems.push({ problem: missingVariable(name, message), position: positionIn(new Error(), file) });
      return "";
    },
  };
  return { variables, problems };
}

/**
 * Loads a `stack.ts` with jiti. Its imports resolve from its own folder (the user's modules,
 * their node_modules, JSON), however the CLI was installed; `stackform` and `@stackform/schema`
 * resolve to this CLI's `defineStack` module, so the file works in a folder without an install.
 * A default export that is a function is called with the stack's variables (`lookup`: the
 * process environment over `.env`), so TypeScript and YAML stacks see the same values.
 */
export async function readStackTs(
  file: string,
  displayName: string,
  sink: DiagnosticSink,
  lookup: Lookup = (name) => process.env[name],
): Promise<unknown> {
  const target = defineStackModule();
  const jiti = createJiti(file, {
    alias: { stackform: target.path, "@stackform/schema": target.path },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  try {
    let value = defaultExport(await jiti.import(file));
    if (typeof value === "function") {
      const { variables, problems } = stackVariables(lookup, file);
      value = (value as (variables: StackVariables) => unknown)(variables);
      for (const { problem, position } of problems) {
        sink.add(problem.severity, {
          code: problem.code,
          message: problem.message,
          hint: problem.hint,
          position: { file: displayName, ...position },
        });
      }
      if (problems.length > 0) return undefined;
    }
    if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) {
      sink.error({
        code: "not-a-mapping",
        message: "stack.ts must export the stack as its default export",
        hint: 'write `export default defineStack({ services: { ... } })` with `import { defineStack } from "stackform"`',
        position: { file: displayName },
      });
      return undefined;
    }
    return value;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    sink.error({
      code: "stack-ts-error",
      message: `loading the stack file failed: ${message.split("\n")[0]?.trim()}`,
      hint: "fix the error in the TypeScript stack file; it was thrown while the file was evaluated",
      position: { file: displayName, ...positionIn(error, file) },
    });
    return undefined;
  } finally {
    target.dispose();
  }
}
