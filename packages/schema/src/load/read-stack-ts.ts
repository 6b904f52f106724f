import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import type { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";

/** This package's define-stack module: `.js` once built, `.ts` when running from source. */
function defineStackModule(): string {
  const built = fileURLToPath(new URL("../define-stack.js", import.meta.url));
  return existsSync(built) ? built : built.replace(/\.js$/, ".ts");
}

/** Where an error thrown in the stack file happened, read from its stack trace. */
function positionIn(error: unknown, file: string): { line?: number; column?: number } {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

/**
 * Loads a `stack.ts` with jiti. `stackform` and `@stackform/schema` resolve to this package's
 * `defineStack` module, so the file works in a directory without a local install.
 */
export async function readStackTs(file: string, displayName: string, sink: DiagnosticSink): Promise<unknown> {
  const target = defineStackModule();
  const jiti = createJiti(import.meta.url, {
    alias: { stackform: target, "@stackform/schema": target },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  try {
    const loaded: unknown = await jiti.import(file);
    let value = loaded;
    // The default export, or `module.exports` of a CommonJS-style file.
    // The module's default export; a stack object itself never has a `default` key.
    for (
      let depth = 0;
      depth < 2 && value !== null && typeof value === "object" && "default" in value;
      depth++
    ) {
      value = (value as { default: unknown }).default;
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
      message: `loading the stack file failed: ${message.split("\n")[0]}`,
      hint: "fix the error in the TypeScript stack file; it was thrown while the file was evaluated",
      position: { file: displayName, ...positionIn(error, file) },
    });
    return undefined;
  }
}
