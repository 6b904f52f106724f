// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose `${VAR}` interpolation text, not JS templates.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { type LoadResult, loadStack } from "../src/index.js";

const numRuns = Number(process.env.STACKFORM_FC_RUNS ?? 300);
// Each run writes and loads one file (about a millisecond); leave room for large STACKFORM_FC_RUNS.
const timeout = Math.max(30_000, numRuns * 20);
const dir = mkdtempSync(join(tmpdir(), "stackform-fc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function loadText(text: string): Promise<LoadResult> {
  const file = join(dir, `stack-${counter++}.yaml`);
  writeFileSync(file, text);
  return loadStack({ cwd: dir, files: [file], env: { TAG: "1" } });
}

function dump(value: unknown): string | undefined {
  try {
    return stringify(value);
  } catch {
    return undefined;
  }
}

/** The loader's contract: it returns (never throws), and a stack comes only without errors. */
function expectWellFormed(result: LoadResult): void {
  expect(Array.isArray(result.diagnostics)).toBe(true);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (result.stack) expect(errors).toEqual([]);
  else expect(errors.length).toBeGreaterThan(0);
  for (const d of result.diagnostics) {
    expect(typeof d.code).toBe("string");
    expect(typeof d.message).toBe("string");
    expect(d.code).not.toBe("internal-error");
  }
}

const SERVICE_KEYS = [
  "image",
  "build",
  "command",
  "entrypoint",
  "environment",
  "env_file",
  "ports",
  "expose",
  "volumes",
  "tmpfs",
  "networks",
  "network_mode",
  "depends_on",
  "healthcheck",
  "restart",
  "deploy",
  "scale",
  "mem_limit",
  "memswap_limit",
  "cpus",
  "cpu_shares",
  "labels",
  "init",
  "user",
  "privileged",
  "stop_grace_period",
  "container_name",
  "profiles",
  "secrets",
  "configs",
  "extra_hosts",
  "dns",
  "imgae",
  "links",
  "x-ext",
];

const scalar = fc.oneof(
  fc.string(),
  fc.integer({ min: -5, max: 70000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    "8080:80",
    "1-3:1-3",
    "data:/x:ro",
    "./a:/b",
    "10s",
    "512m",
    "0.5",
    "service:web",
    "on-failure:2",
    "${TAG}",
    "$",
    "${X:?no}",
    "web",
    "db",
    "default",
  ),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(tie("node"), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        "target",
        "source",
        "type",
        "published",
        "condition",
        "test",
        "limits",
        "resources",
        "replicas",
        "web",
        "db",
        "aliases",
        "file",
      ),
      tie("node"),
      { maxKeys: 3 },
    ),
  ),
})).node;

const stackShaped = fc.record(
  {
    name: fc.oneof(fc.string(), fc.constant("demo")),
    services: fc.dictionary(
      fc.constantFrom("web", "db", "app", "cache"),
      fc.dictionary(fc.constantFrom(...SERVICE_KEYS), value, { maxKeys: 6 }),
      { maxKeys: 4 },
    ),
    networks: fc.dictionary(fc.constantFrom("front", "back", "default"), value, { maxKeys: 2 }),
    volumes: fc.dictionary(fc.constantFrom("data", "db-data"), value, { maxKeys: 2 }),
    secrets: fc.dictionary(fc.constantFrom("token"), value, { maxKeys: 1 }),
  },
  { requiredKeys: [] },
);

describe("loadStack never throws", { timeout }, () => {
  test("on random text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), async (text) => {
        expectWellFormed(await loadText(text));
      }),
      { numRuns },
    );
  });

  test("on random YAML-looking text", async () => {
    const piece = fc.constantFrom(
      "services:",
      "\n",
      "  ",
      "web:",
      "- ",
      "image: x",
      "[",
      "]",
      "{",
      "}",
      ":",
      "&a ",
      "*a",
      "<<: ",
      "'",
      '"',
      "#",
      "${",
      "$$",
      "\t",
      "---\n",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), async (pieces) => {
        expectWellFormed(await loadText(pieces.join("")));
      }),
      { numRuns },
    );
  });

  test("on random objects dumped to YAML", async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (thing) => {
        const text = dump(thing);
        if (text !== undefined) expectWellFormed(await loadText(text));
      }),
      { numRuns },
    );
  });

  test("on random stack-shaped objects", async () => {
    await fc.assert(
      fc.asyncProperty(stackShaped, async (stack) => {
        const text = dump(stack);
        if (text !== undefined) expectWellFormed(await loadText(text));
      }),
      { numRuns },
    );
  });
});
