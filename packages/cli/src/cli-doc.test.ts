import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { renderCliDoc } from "./cli-doc.js";
import { buildProgram } from "./program.js";

const committed = fileURLToPath(new URL("../../../docs/cli.md", import.meta.url));

describe("docs/cli.md", () => {
  test("is up to date with the commander program", () => {
    const onDisk = readFileSync(committed, "utf8");
    expect(onDisk === renderCliDoc(), "docs/cli.md is stale: run `pnpm docs:write`").toBe(true);
  });

  test("names every command and every flag", () => {
    const program = buildProgram();
    const doc = renderCliDoc(program);
    for (const command of program.commands) {
      expect(doc).toContain(`## \`stack ${command.name()}\``);
      for (const option of command.options.filter((o) => !o.hidden))
        expect(doc).toContain(`| \`${option.flags}\` |`);
    }
    for (const option of program.options) expect(doc).toContain(`| \`${option.flags}\` |`);
  });
});
