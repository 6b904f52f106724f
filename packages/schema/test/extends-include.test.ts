import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { loadStack } from "../src/index.js";

const cwd = fileURLToPath(new URL("./fixtures/valid/extends-include/", import.meta.url));

describe("extends and include", () => {
  test("merge services from this file, other files and included stacks, each with its own paths", async () => {
    const { stack, diagnostics } = await loadStack({ cwd, env: {} });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const { web, worker, db } = stack!.services;
    // The extending service's keys merge over the base's, as an override file's would.
    expect(web?.image).toBe("web:2");
    expect(web?.environment).toEqual({ ROLE: "web", SHARED: "1" });
    expect(web?.labels).toEqual({ tier: "front" });
    // Two levels in another file: its relative paths resolve against its own folder.
    expect(worker?.build?.context).toBe(join(cwd, "lib/app"));
    expect(worker?.environment).toEqual({ FROM_FILE: "yes" });
    expect(worker?.restart).toEqual({ name: "on-failure", maximumRetryCount: 0 });
    expect(worker?.command).toEqual(["run", "worker"]);
    expect(worker?.mounts).toContainEqual(
      expect.objectContaining({ type: "bind", source: join(cwd, "lib/cache"), target: "/cache" }),
    );
    // An included stack's services and secrets join this one, paths from its own folder.
    expect(db?.mounts).toContainEqual(
      expect.objectContaining({ type: "bind", source: join(cwd, "db/init"), readOnly: true }),
    );
    expect(stack!.secrets.db_password?.file).toBe(join(cwd, "db/password.txt"));
  });
});

describe("broken references are reported at the key that names them", () => {
  const dir = mkdtempSync(join(tmpdir(), "stackform-extends-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = async (text: string, extra: Record<string, string> = {}) => {
    writeFileSync(join(dir, "stack.yaml"), text);
    for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
    const { stack, diagnostics } = await loadStack({ cwd: dir, env: {} });
    expect(stack).toBeUndefined();
    return diagnostics.filter((d) => d.severity === "error");
  };

  test.each([
    [
      "an unknown service",
      "services:\n  web:\n    extends: bsae\n  base:\n    image: x\n",
      {},
      "unknown-service",
      3,
    ],
    [
      "a cycle",
      "services:\n  a:\n    extends: b\n  b:\n    extends: a\n    image: x\n",
      {},
      "extends-cycle",
      3,
    ],
    [
      "a missing file",
      "services:\n  web:\n    extends: {file: nope.yaml, service: base}\n",
      {},
      "extends-file-not-found",
      3,
    ],
    [
      "an include that redefines a service",
      "include: [other.yaml]\nservices:\n  web:\n    image: x\n",
      { "other.yaml": "services:\n  web:\n    image: y\n" },
      "include-conflict",
      1,
    ],
    [
      "a missing include",
      "include: [gone.yaml]\nservices:\n  web:\n    image: x\n",
      {},
      "include-not-found",
      1,
    ],
  ])("%s", async (_name, text, extra, code, line) => {
    const errors = await load(text, extra);
    expect(errors[0]).toMatchObject({ code, file: "stack.yaml", line });
    expect(errors[0]?.hint).toMatch(/\S/);
  });
});
