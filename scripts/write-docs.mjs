#!/usr/bin/env node
// Writes the generated reference pages: docs/stack-files.md from the zod schemas and docs/cli.md
// from the commander program. Like write-json-schema.mjs it loads the TypeScript sources through
// jiti, so no build is needed first. Unit tests fail when a committed page differs from this.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(`${root}packages/schema/package.json`);
const { createJiti } = await import(pathToFileURL(require.resolve("jiti")).href);

const pages = [
  {
    file: "docs/stack-files.md",
    module: "packages/schema/src/stack-files-doc.ts",
    render: "renderStackFilesDoc",
  },
  { file: "docs/cli.md", module: "packages/cli/src/cli-doc.ts", render: "renderCliDoc" },
  {
    file: "docs/compose-coverage.md",
    module: "packages/schema/src/compose-coverage-doc.ts",
    render: "renderComposeCoverageDoc",
    // The Specification's property names, copied into the repository (see its `source`).
    input: "packages/schema/test/fixtures/compose-spec-properties.json",
  },
  // Not a page: the same key descriptions as JSDoc, for editor hovers in a `defineStack` stack.ts.
  {
    file: "packages/schema/src/stack-definition-docs.generated.ts",
    module: "packages/schema/src/stack-definition-docs.ts",
    render: "renderStackDefinitionDocs",
  },
];
for (const page of pages) {
  // Each module resolves its own imports (commander for the CLI) from its package.
  const jiti = createJiti(`${root}${page.module}`);
  const module = await jiti.import(`${root}${page.module}`);
  const input = page.input ? [JSON.parse(readFileSync(`${root}${page.input}`, "utf8"))] : [];
  writeFileSync(`${root}${page.file}`, module[page.render](...input));
  console.log(`wrote ${page.file}`);
}
