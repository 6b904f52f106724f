// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose `${VAR}` interpolation text, not JS templates.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { loadStack } from "./load-stack.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "stackform-stack-ts-"));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

describe("a stack.ts written as a function", () => {
  test("receives the environment over .env, as YAML interpolation does", async () => {
    const dir = project({
      ".env": "TAG=from-dotenv\nPORT=8080\n",
      "stack.ts": [
        'import { defineStack } from "stackform";',
        "export default defineStack(({ env, required }) => ({",
        '  name: "vars",',
        '  services: { web: { image: `nginx:${required("TAG")}`, ports: [`127.0.0.1:${env.PORT}:80`] } },',
        "}));",
      ].join("\n"),
    });
    const result = await loadStack({ cwd: dir, env: { TAG: "from-env" } });
    expect(result.diagnostics).toEqual([]);
    const web = result.stack?.services.web;
    expect(web?.image).toBe("nginx:from-env");
    expect(JSON.stringify(web?.ports)).toContain("8080");
  });

  test("required() of a missing variable gives YAML's ${X:?msg} diagnostic, at the call", async () => {
    const yaml = await loadStack({
      cwd: project({ "stack.yaml": "services:\n  web:\n    image: ${IMAGE:?set the image}\n" }),
      env: {},
    });
    const ts = await loadStack({
      cwd: project({
        "stack.ts": [
          'import { defineStack } from "stackform";',
          "export default defineStack(({ required }) => ({",
          '  services: { web: { image: required("IMAGE", "set the image") } },',
          "}));",
        ].join("\n"),
      }),
      env: {},
    });
    // YAML prefixes the key the value sits under; a function's result has no such place.
    const pick = (d: { code: string; message: string; hint?: string; severity: string }) => ({
      code: d.code,
      message: d.message.replace(/^services\.web\.image: /, ""),
      hint: d.hint,
      severity: d.severity,
    });
    expect(ts.stack).toBeUndefined();
    expect(ts.diagnostics.map(pick)).toEqual(yaml.diagnostics.map(pick));
    expect(ts.diagnostics[0]).toMatchObject({ file: "stack.ts", line: 3 });
  });
});

describe("loading a stack.ts", () => {
  test("resolves imports from the stack's folder: its modules, its node_modules, JSON", async () => {
    const dir = project({
      "node_modules/house-images/package.json":
        '{ "name": "house-images", "type": "module", "main": "index.js" }',
      "node_modules/house-images/index.js": 'export const web = "nginx:1.27";\n',
      "lib/ports.ts": 'export const ports: string[] = ["127.0.0.1:8080:80"];\n',
      "settings.json": '{ "name": "imports" }\n',
      "stack.ts": [
        'import { defineStack } from "stackform";',
        'import { web } from "house-images";',
        'import { ports } from "./lib/ports";',
        'import settings from "./settings.json";',
        "export default defineStack({ name: settings.name, services: { web: { image: web, ports } } });",
      ].join("\n"),
    });
    const result = await loadStack({ cwd: dir, env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.stack?.name).toBe("imports");
    expect(result.stack?.services.web?.image).toBe("nginx:1.27");
  });

  test("reports a syntax error at its line and 1-based column", async () => {
    const atStart = await loadStack({
      cwd: project({ "stack.ts": "export default {\n% services: {}\n};\n" }),
      env: {},
    });
    expect(atStart.diagnostics[0]).toMatchObject({
      code: "stack-ts-error",
      file: "stack.ts",
      line: 2,
      column: 1,
    });
    const inLine = await loadStack({
      cwd: project({ "stack.ts": 'export default {\n  services: { web: { image: "x" ,, } },\n};\n' }),
      env: {},
    });
    // The second comma of `"x" ,,` is the 34th character of the line.
    expect(inLine.diagnostics[0]).toMatchObject({ code: "stack-ts-error", line: 2, column: 34 });
  });
});
