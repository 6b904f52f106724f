import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { typecheckStack } from "./typecheck-stack.js";

// Inside the repository, so that `typescript` and `stackform` resolve as in a user's project.
const dir = mkdtempSync(join(fileURLToPath(new URL("..", import.meta.url)), ".typecheck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("reports a stack.ts type error at its line and column, and nothing for a correct one", async () => {
  const bad = join(dir, "bad.ts");
  writeFileSync(
    bad,
    `import { defineStack } from "stackform";\n\nconst port: number = "8080";\n\nexport default defineStack({ services: { web: { image: "nginx", restart: "sometimes", ports: [\`\${port}:80\`] } } });\n`,
  );
  const diagnostics = await typecheckStack(bad, dir);
  expect(diagnostics?.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
    "bad.ts:3:7 TS2322",
    "bad.ts:5:65 TS2322", // restart: "sometimes"
  ]);

  const good = join(dir, "good.ts");
  writeFileSync(
    good,
    `import { defineStack } from "stackform";\nexport default defineStack({ services: { web: { image: "nginx", restart: "always" } } });\n`,
  );
  expect(await typecheckStack(good, dir)).toEqual([]);
}, 60_000);
