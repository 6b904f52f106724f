import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { loadStack } from "../src/index.js";

const SECOND = 1e9;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function loadText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "stackform-update-config-"));
  dirs.push(dir);
  writeFileSync(join(dir, "stack.yaml"), text);
  return loadStack({ cwd: dir, env: {}, name: "app" });
}

describe("deploy.update_config, deploy.rollback_config and x-stackform.drain", () => {
  test("the zero-downtime example normalises them, durations in nanoseconds", async () => {
    const cwd = fileURLToPath(new URL("../../../examples/zero-downtime", import.meta.url));
    const result = await loadStack({ cwd, env: {} });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const app = result.stack?.services.app;
    expect(app?.updateConfig).toEqual({ parallelism: 1, order: "start-first", failureAction: "rollback" });
    expect(app?.drain).toBe(2 * SECOND);
    expect(app?.rollbackConfig).toBeUndefined();
  });

  test("every key, as given; unset keys stay unset for the target to default", async () => {
    const result = await loadText(`services:
  web:
    image: nginx
    deploy:
      update_config: { parallelism: 2, delay: 1500ms, order: stop-first, failure_action: pause, monitor: 10s, max_failure_ratio: 0.25 }
      rollback_config: { parallelism: 0 }
    x-stackform: { drain: 0s }
`);
    const web = result.stack?.services.web;
    expect(web?.updateConfig).toEqual({
      parallelism: 2,
      delay: 1.5 * SECOND,
      order: "stop-first",
      failureAction: "pause",
      monitor: 10 * SECOND,
      maxFailureRatio: 0.25,
    });
    expect(web?.rollbackConfig).toEqual({ parallelism: 0 });
    expect(web?.drain).toBe(0);
  });

  test("refuses an unknown order and a ratio above 1, naming the key", async () => {
    const result = await loadText(`services:
  web:
    image: nginx
    deploy:
      update_config: { order: random, max_failure_ratio: 2 }
    x-stackform: { drain: soon }
`);
    expect(result.stack).toBeUndefined();
    const paths = result.diagnostics.filter((d) => d.severity === "error").map((d) => d.path?.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "services.web.deploy.update_config.order",
        "services.web.deploy.update_config.max_failure_ratio",
        "services.web.x-stackform.drain",
      ]),
    );
  });
});
