import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { loadStack } from "../src/index.js";

const dir = fileURLToPath(new URL("./fixtures/invalid/", import.meta.url));
const tsDir = (name: string) => fileURLToPath(new URL(`./fixtures/invalid-ts/${name}/`, import.meta.url));

/** file, the first error's code, its 1-based line and column. */
const corpus: [string, string, number, number][] = [
  ["bad-cpus.yaml", "invalid-cpus", 7, 17],
  ["bad-depends-condition.yaml", "invalid-value", 6, 20],
  ["bad-duration.yaml", "invalid-duration", 6, 17],
  ["bad-healthcheck-test.yaml", "invalid-healthcheck", 5, 13],
  ["bad-restart.yaml", "invalid-restart", 4, 14],
  ["bad-size.yaml", "invalid-size", 4, 16],
  ["bad-volume-short.yaml", "invalid-volume", 5, 9],
  ["dependency-cycle.yaml", "dependency-cycle", 7, 5],
  ["duplicate-key.yaml", "duplicate-key", 5, 5],
  ["duration-without-unit.yaml", "invalid-type", 4, 24],
  ["empty-file.yaml", "empty-file", 1, 1],
  ["env-file-missing.yaml", "env-file-not-found", 4, 15],
  ["interpolation-bare-dollar.yaml", "invalid-interpolation", 4, 27],
  ["interpolation-invalid.yaml", "invalid-interpolation", 4, 14],
  ["interpolation-required.yaml", "missing-variable", 5, 16],
  ["invalid-stack-name.yaml", "invalid-stack-name", 1, 7],
  ["missing-image.yaml", "missing-image", 4, 3],
  ["network-mode-cycle.yaml", "dependency-cycle", 4, 5],
  ["network-mode-invalid.yaml", "invalid-network-mode", 4, 19],
  ["network-mode-unknown-service.yaml", "unknown-service", 6, 19],
  ["network-mode-with-networks.yaml", "network-mode-with-networks", 5, 5],
  ["port-conflict-replicas.yaml", "port-conflict", 7, 9],
  ["ports-with-network-mode.yaml", "ports-with-network-mode", 6, 5],
  ["port-conflict.yaml", "port-conflict", 4, 13],
  ["port-garbage.yaml", "invalid-port", 5, 9],
  ["port-long-bad-protocol.yaml", "invalid-value", 7, 19],
  ["port-out-of-range.yaml", "invalid-port", 5, 9],
  ["port-range-mismatch.yaml", "invalid-port", 5, 9],
  ["port-zero.yaml", "invalid-port", 5, 9],
  ["replicas-negative.yaml", "invalid-value", 4, 12],
  ["syntax-bad-indent.yaml", "yaml-syntax", 4, 4],
  ["syntax-tab-indent.yaml", "yaml-syntax", 2, 1],
  ["syntax-unclosed-flow.yaml", "yaml-syntax", 4, 12],
  ["syntax-unclosed-quote.yaml", "yaml-syntax", 3, 12],
  ["top-level-list.yaml", "not-a-mapping", 1, 1],
  ["typo-healthcheck.yaml", "unknown-key", 6, 7],
  ["typo-image.yaml", "unknown-key", 3, 5],
  ["typo-top-level.yaml", "unknown-key", 4, 1],
  ["undeclared-network.yaml", "undeclared-network", 6, 9],
  ["undeclared-secret.yaml", "undeclared-secret", 5, 9],
  ["undeclared-volume.yaml", "undeclared-volume", 5, 9],
  ["unknown-dependency.yaml", "unknown-dependency", 5, 9],
  ["unsupported-deploy-restart-policy.yaml", "unsupported-key", 6, 7],
  ["links-with-network-mode.yaml", "links-with-network-mode", 5, 5],
  ["unsupported-isolation.yaml", "unsupported-key", 4, 5],
  ["bad-ulimit.yaml", "invalid-ulimit", 5, 15],
  ["bad-device.yaml", "invalid-device", 5, 9],
  ["bad-pid.yaml", "invalid-namespace", 4, 10],
  ["volumes-from-unknown-service.yaml", "unknown-service", 6, 9],
  ["volumes-from-bad-mode.yaml", "invalid-volumes-from", 4, 20],
  ["ipc-cycle.yaml", "dependency-cycle", 4, 5],
  ["bad-mac-address.yaml", "invalid-mac-address", 4, 18],
  ["bad-cpuset.yaml", "invalid-cpuset", 4, 13],
  ["wrong-type-image.yaml", "invalid-type", 3, 12],
  ["wrong-type-ports.yaml", "invalid-type", 4, 12],
  ["wrong-type-privileged.yaml", "invalid-type", 4, 17],
  ["wrong-type-services.yaml", "invalid-type", 2, 3],
];

describe("broken stack files", () => {
  test("every file in the corpus has an expectation", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.sort()).toEqual(corpus.map(([file]) => file).sort());
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  test.each(corpus)("%s → %s at %i:%i", async (file, code, line, column) => {
    const result = await loadStack({ cwd: dir, files: [file], env: {} });
    expect(result.stack).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    const first = errors[0];
    expect(first, JSON.stringify(result.diagnostics)).toBeDefined();
    expect({ code: first?.code, file: first?.file, line: first?.line, column: first?.column }).toEqual({
      code,
      file,
      line,
      column,
    });
    for (const diagnostic of errors) {
      expect(diagnostic.hint, diagnostic.message).toMatch(/\S/);
      expect(diagnostic.message).toMatch(/\S/);
    }
  });

  test("every problem in a file is reported at once", async () => {
    const result = await loadStack({ cwd: dir, files: ["../many-problems.yaml"], env: {} });
    const codes = result.diagnostics.map((d) => d.code);
    expect(result.stack).toBeUndefined();
    expect(codes).toEqual(
      expect.arrayContaining([
        "unknown-key",
        "unsupported-key",
        "invalid-port",
        "invalid-duration",
        "invalid-restart",
        "unknown-dependency",
        "undeclared-volume",
        "missing-image",
        "unset-variable",
      ]),
    );
    const lines = result.diagnostics.map((d) => d.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe("broken stack.ts files", () => {
  test("an error thrown while evaluating stack.ts is a diagnostic", async () => {
    const result = await loadStack({ cwd: tsDir("throws"), env: {} });
    expect(result.stack).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      severity: "error",
      code: "stack-ts-error",
      file: "stack.ts",
      line: 4,
      message: expect.stringContaining("DATABASE_URL must be set"),
      hint: expect.any(String),
    });
  });

  test("stack.ts goes through the same validation, with file and path", async () => {
    const result = await loadStack({ cwd: tsDir("typo"), env: {} });
    expect(result.stack).toBeUndefined();
    const byCode = Object.fromEntries(result.diagnostics.map((d) => [d.code, d]));
    expect(byCode["unknown-key"]).toMatchObject({
      file: "stack.ts",
      path: ["services", "web", "imgae"],
      hint: "did you mean `image`?",
    });
    expect(byCode["invalid-port"]).toMatchObject({ file: "stack.ts", path: ["services", "web", "ports", 0] });
  });

  test("a default export that is not an object is a diagnostic", async () => {
    const result = await loadStack({ cwd: tsDir("not-an-object"), env: {} });
    expect(result.diagnostics.map((d) => d.code)).toEqual(["not-a-mapping"]);
  });
});
