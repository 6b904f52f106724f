import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Diagnostic } from "@stackform/schema";

type TypeScript = typeof import("typescript");

/**
 * The type errors of a `stack.ts`, found by the `typescript` its own project resolves (the
 * user's version and tsconfig.json); `undefined` when the project has no TypeScript, which is
 * not a problem: loading still checks the stack against the schema.
 */
export async function typecheckStack(file: string, cwd: string): Promise<Diagnostic[] | undefined> {
  const ts = await typescriptFor(file);
  if (!ts) return undefined;
  const program = ts.createProgram([file], compilerOptions(ts, file));
  const target = resolve(file);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file !== undefined && resolve(d.file.fileName) === target && d.start !== undefined)
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
      return {
        severity: "error",
        code: `TS${d.code}`,
        message: ts.flattenDiagnosticMessageText(d.messageText, " "),
        file: relative(cwd, target) || target,
        line: line + 1,
        column: character + 1,
        hint: "fix the type error, or skip the check with --no-typecheck",
      } satisfies Diagnostic;
    });
}

async function typescriptFor(file: string): Promise<TypeScript | undefined> {
  let path: string;
  try {
    path = createRequire(join(dirname(resolve(file)), "stack.ts")).resolve("typescript");
  } catch {
    return undefined;
  }
  const loaded = (await import(pathToFileURL(path).href)) as { default?: TypeScript } & TypeScript;
  return loaded.default ?? loaded;
}

/**
 * The project's tsconfig.json when it has one, else strict defaults. `stackform` resolves to the
 * running CLI's own types when the project has not installed it, as the loader resolves it to
 * the running CLI.
 */
function compilerOptions(ts: TypeScript, file: string): import("typescript").CompilerOptions {
  const defaults: import("typescript").CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  };
  const config = ts.findConfigFile(dirname(resolve(file)), ts.sys.fileExists);
  let options = defaults;
  if (config) {
    const read = ts.readConfigFile(config, ts.sys.readFile);
    options = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, dirname(config)).options;
  }
  const ownTypes = fileURLToPath(new URL("../types/index.d.ts", import.meta.url));
  let installed = true;
  try {
    createRequire(join(dirname(resolve(file)), "stack.ts")).resolve("stackform");
  } catch {
    installed = false;
  }
  if (!installed && existsSync(ownTypes)) options = { ...options, paths: { stackform: [ownTypes] } };
  return { ...options, noEmit: true };
}
