import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { IssueReporter } from "../diagnostics/zod-issues.js";
import type { DesiredStack } from "../model/desired-stack.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { normaliseStack } from "../normalise/normalise-stack.js";
import { parseDotenv } from "../parse/dotenv.js";
import type { Lookup } from "../parse/interpolate.js";
import { type StackFile, stackFileSchema } from "../schema/stack-file-schema.js";
import { findStackFile, isTypeScriptFile, STACK_FILE_NAMES } from "./find-stack-files.js";
import { interpolateDocument } from "./interpolate-document.js";
import { isFile } from "./is-file.js";
import { mergeStackData } from "./merge-stack-data.js";
import { readYaml } from "./read-yaml.js";
import { type ReferenceContext, resolveExtends } from "./resolve-extends.js";
import { resolveInclude } from "./resolve-include.js";
import { locateIn } from "./source-locator.js";
import { resolveStackName } from "./stack-name.js";
import type { StackSource } from "./stack-source.js";

export interface LoadOptions {
  /** Directory to search for a stack file and to resolve `files` against. */
  cwd: string;
  /** `-f` files in merge order; when absent the first of {@link STACK_FILE_NAMES} in `cwd`. */
  files?: string[];
  /** `--name`: used when the file has no `name:`. */
  name?: string;
  /** Variables for interpolation; defaults to `process.env`. They override `.env`. */
  env?: Record<string, string | undefined>;
  /** Active profiles; defaults to `COMPOSE_PROFILES` (comma-separated). */
  profiles?: string[];
}

export interface LoadResult {
  /** Present only when no diagnostic is an error. */
  stack?: DesiredStack;
  diagnostics: Diagnostic[];
}

type Path = (string | number)[];

const startsWith = (path: readonly (string | number)[] | undefined, prefix: Path): boolean =>
  path !== undefined && prefix.every((segment, i) => path[i] === segment);

class Loader {
  readonly sink = new DiagnosticSink();
  private readonly cwd: string;
  private readonly env: Record<string, string | undefined>;

  constructor(private readonly options: LoadOptions) {
    this.cwd = resolve(options.cwd);
    this.env = options.env ?? process.env;
  }

  displayName = (file: string): string => {
    const rel = relative(this.cwd, file);
    return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel;
  };

  async load(): Promise<DesiredStack | undefined> {
    const files = this.files();
    const first = files[0];
    if (!first) return undefined;
    const workingDir = dirname(first);
    const lookup = this.variables(workingDir);

    const sources: StackSource[] = [];
    for (const file of files) {
      const source = await this.read(file, lookup);
      if (source) sources.push(source);
    }
    if (this.sink.hasErrors || sources.length !== files.length) return undefined;

    const merged = mergeStackData(sources.map((s) => s.data));
    this.sink.setLocator((path, anchor) => locateIn(sources, path, anchor));
    const references: ReferenceContext = {
      sink: this.sink,
      // A missing file is reported by the resolver, at the key that names it.
      read: async (file) => (isFile(file) ? (await this.read(file, lookup))?.data : undefined),
      displayName: this.displayName,
    };
    await resolveInclude(merged, workingDir, references, files);
    await resolveExtends(merged, workingDir, references);
    const parsed = stackFileSchema.safeParse(merged);
    if (!parsed.success) new IssueReporter(stackFileSchema, merged, this.sink).report(parsed.error.issues);
    const invalidPaths = this.sink.diagnostics.filter((d) => d.severity === "error").map((d) => d.path);

    const data = merged as Record<string, unknown>;
    if ("version" in data) {
      this.sink.warning({
        code: "obsolete-key",
        message: "`version` is obsolete and ignored",
        hint: "remove the `version:` line",
        path: ["version"],
        anchor: "key",
      });
    }
    // Top-level sections that are not even the right type are left out of normalisation.
    const file: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) {
      if (!invalidPaths.some((p) => p?.length === 1 && p[0] === key)) file[key] = value;
    }
    const stackName = resolveStackName(
      { fromFile: file.name, option: this.options.name, env: this.env.STACK_NAME, workingDir },
      this.sink,
    );
    const home = this.env.HOME ?? homedir();
    const stack = normaliseStack(
      {
        stackName,
        workingDir,
        lookup,
        home,
        sink: this.sink,
        profiles: new Set(this.profiles()),
        file: file as StackFile,
        invalid: (path) => invalidPaths.some((p) => startsWith(p, path)),
        displayName: this.displayName,
      },
      workingDir,
      files,
    );
    return stack;
  }

  private files(): string[] {
    if (this.options.files && this.options.files.length > 0) {
      return this.options.files.map((file) => resolve(this.cwd, file));
    }
    const found = findStackFile(this.cwd);
    if (found) return [found];
    this.sink.error({
      code: "no-stack-file",
      message: `no stack file in ${this.cwd}`,
      hint: `create one of ${STACK_FILE_NAMES.join(", ")}, or pass -f FILE`,
    });
    return [];
  }

  private profiles(): string[] {
    const list = this.options.profiles ?? (this.env.COMPOSE_PROFILES ?? "").split(",");
    return list.map((p) => p.trim()).filter((p) => p !== "");
  }

  /** The process environment over the `.env` file beside the first stack file. */
  private variables(workingDir: string): Lookup {
    const envFile = join(workingDir, ".env");
    const fromEnv: Lookup = (name) => this.env[name];
    if (!isFile(envFile)) return fromEnv;
    const dotenv = parseDotenv(readFileSync(envFile, "utf8"), fromEnv);
    for (const problem of dotenv.problems) {
      this.sink.add(problem.severity, {
        code: problem.code,
        message: `.env: ${problem.message}`,
        hint: problem.hint,
        position: { file: this.displayName(envFile), line: problem.line, column: 1 },
      });
    }
    return (name) => this.env[name] ?? dotenv.values[name];
  }

  private async read(file: string, lookup: Lookup): Promise<StackSource | undefined> {
    const displayName = this.displayName(file);
    if (!isFile(file)) {
      this.sink.error({
        code: "file-not-found",
        message: `the stack file ${displayName} does not exist or is not a file`,
        hint: "check the path given with -f; it is relative to the current directory",
        position: { file: displayName },
      });
      return undefined;
    }
    if (isTypeScriptFile(file)) {
      // jiti loads only for TypeScript stacks; YAML users never pay for it.
      const { readStackTs } = await import("./read-stack-ts.js");
      const data = await readStackTs(file, displayName, this.sink, lookup);
      return data === undefined ? undefined : { file, displayName, data };
    }
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      this.sink.error({
        code: "file-not-readable",
        message: `cannot read ${displayName}: ${error instanceof Error ? error.message : String(error)}`,
        hint: "check that it is a readable file",
        position: { file: displayName },
      });
      return undefined;
    }
    const yaml = readYaml(text, displayName, this.sink);
    if (!yaml) return undefined;
    interpolateDocument(yaml.doc, yaml.lineCounter, lookup, displayName, this.sink);
    try {
      return { file, displayName, data: yaml.doc.toJS({ maxAliasCount: 1000 }), yaml };
    } catch (error) {
      this.sink.error({
        code: "yaml-syntax",
        message: error instanceof Error ? error.message : String(error),
        hint: "check the anchors and aliases in this file",
        position: { file: displayName, line: 1, column: 1 },
      });
      return undefined;
    }
  }
}

/** Orders diagnostics by file and position, and drops exact repeats. */
function tidy(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.message, d.file, d.line, d.column]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const files = [...new Set(unique.map((d) => d.file ?? ""))];
  return unique
    .map((d, index) => ({ d, index }))
    .sort(
      (a, b) =>
        files.indexOf(a.d.file ?? "") - files.indexOf(b.d.file ?? "") ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.column ?? 0) - (b.d.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ d }) => d);
}

/**
 * Finds, reads, interpolates, merges, validates and normalises a stack. Never throws: every
 * problem is a diagnostic, and the stack is returned only when none of them is an error.
 */
export async function loadStack(options: LoadOptions): Promise<LoadResult> {
  const loader = new Loader(options);
  let stack: DesiredStack | undefined;
  try {
    stack = await loader.load();
  } catch (error) {
    loader.sink.error({
      code: "internal-error",
      message: `loading the stack failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      hint: "this is a bug in Stackform; please report it with the stack file that caused it",
    });
  }
  const diagnostics = tidy(loader.sink.diagnostics);
  return loader.sink.hasErrors || !stack ? { diagnostics } : { stack, diagnostics };
}
