#!/usr/bin/env node
// Writes stack.schema.json at the repo root from the zod schemas in packages/schema.
// It loads the TypeScript sources through jiti (a dependency of @stackform/schema), so no build
// is needed first. A unit test fails when the committed file differs from what this writes.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemaPackage = `${root}packages/schema/`;
const require = createRequire(`${schemaPackage}package.json`);
const { createJiti } = await import(pathToFileURL(require.resolve("jiti")).href);
const jiti = createJiti(import.meta.url);
const { renderStackJsonSchema } = await jiti.import(`${schemaPackage}src/json-schema.ts`);

const target = `${root}stack.schema.json`;
writeFileSync(target, renderStackJsonSchema());
console.log(`wrote ${target}`);
