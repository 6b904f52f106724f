import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStack } from "@stackform/schema";
import { afterAll, expect, test } from "vitest";
import { plan } from "../src/plan.js";
import { human, observedFromDesired } from "./builders.js";

const dir = mkdtempSync(join(tmpdir(), "stackform-develop-plan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stackWith(develop: string) {
  writeFileSync(join(dir, "stack.yaml"), `name: app\nservices:\n  web:\n    image: web:1\n${develop}`);
  const { stack } = await loadStack({ cwd: dir, env: {} });
  return stack!;
}

test("develop.watch is not container configuration: adding or changing it plans nothing", async () => {
  const before = await stackWith("");
  const observed = observedFromDesired(before);
  for (const develop of [
    "    develop:\n      watch:\n        - {path: src, action: sync, target: /app}\n",
    "    develop:\n      watch:\n        - {path: other, action: sync+restart, target: /srv, ignore: ['*.tmp']}\n",
  ]) {
    const after = await stackWith(develop);
    expect(after.services.web!.watch).toHaveLength(1);
    expect(human(plan(after, observed, { trustConfigHash: false }))).toBe(
      "No changes. The stack matches the engine.\n",
    );
  }
});
