import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { loadStack } from "../src/index.js";

// The bundled example is the twin: what the README shows is what is tested.
const dir = fileURLToPath(new URL("../../../examples/web-db-cache/", import.meta.url));

test("a stack.ts importing from `stackform` normalises to the same stack as its YAML twin", async () => {
  // The example directory has no node_modules: `stackform` must resolve through the loader's alias.
  expect(existsSync(`${dir}node_modules`)).toBe(false);
  const fromYaml = await loadStack({ cwd: dir, files: ["stack.yaml"], env: {} });
  const fromTs = await loadStack({ cwd: dir, files: ["stack.ts"], env: {} });
  expect(fromTs.diagnostics).toEqual([]);
  expect(fromYaml.diagnostics).toEqual([]);
  const withoutFiles = (stack: typeof fromTs.stack) => ({ ...stack, files: ["(file)"] });
  expect(withoutFiles(fromTs.stack)).toEqual(withoutFiles(fromYaml.stack));
});

test("stack.ts is found first when no file is named", async () => {
  const result = await loadStack({ cwd: dir, env: {} });
  expect(result.stack?.files).toEqual([`${dir}stack.ts`]);
});
