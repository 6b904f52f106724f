import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { stackFileKeys, stackJsonSchema } from "./json-schema.js";
import { KEY_DESCRIPTIONS } from "./key-descriptions.js";
import { renderStackFilesDoc } from "./stack-files-doc.js";

const committed = fileURLToPath(new URL("../../../docs/stack-files.md", import.meta.url));

describe("docs/stack-files.md", () => {
  test("is up to date with the zod schemas", () => {
    const onDisk = readFileSync(committed, "utf8");
    expect(onDisk === renderStackFilesDoc(), "docs/stack-files.md is stale: run `pnpm docs:write`").toBe(
      true,
    );
  });

  test("describes every key of the schema, and nothing the schema lacks", () => {
    const paths = stackFileKeys(stackJsonSchema()).map((key) => key.path);
    expect(paths.filter((path) => KEY_DESCRIPTIONS[path] === undefined)).toEqual([]);
    expect(Object.keys(KEY_DESCRIPTIONS).filter((path) => !paths.includes(path))).toEqual([]);
  });

  test("lists the literal values of enumerated keys", () => {
    const doc = renderStackFilesDoc();
    expect(doc).toMatch(/\| `services\.\*\.pull_policy` \| "always" \\\| "never" \\\| "missing"/);
    expect(doc).toContain("| `services.*.depends_on.*.condition` |");
  });
});
