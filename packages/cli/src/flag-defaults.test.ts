import { fileURLToPath } from "node:url";
import { DEFAULT_CONCURRENCY, DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS } from "@stackform/applier";
import type { Command } from "commander";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { durationFlag } from "./durations.js";
import { buildProgram } from "./program.js";

// The flags take the applier's defaults from `@stackform/applier/defaults`; this holds them to
// what the applier itself uses, and holds the subpath to its reason to be: building the flag
// table must not load the engine.
const program = buildProgram();
const command = (name: string) => program.commands.find((c) => c.name() === name) as Command;
const defaultOf = (name: string, flag: string): unknown =>
  command(name).options.find((o) => o.long === flag)?.defaultValue;

describe("flag defaults", () => {
  test("apply runs as many operations at once as the applier does by default", () => {
    expect(defaultOf("apply", "--concurrency")).toBe(DEFAULT_CONCURRENCY);
  });

  test.each(["apply", "watch"])("%s waits as long as the applier does by default", (name) => {
    expect(durationFlag("--wait-timeout", defaultOf(name, "--wait-timeout") as string)).toBe(
      DEFAULT_WAIT_TIMEOUT_MS,
    );
  });

  test.each(["apply", "watch", "destroy", "gc"])(
    "%s waits for a held lock as the applier does by default",
    (name) => {
      expect(durationFlag("--lock-timeout", defaultOf(name, "--lock-timeout") as string)).toBe(
        DEFAULT_LOCK_TIMEOUT_MS,
      );
    },
  );

  test("help shows the defaults as a user types them", () => {
    expect(command("apply").helpInformation()).toContain('(default: "2m")');
    expect(command("apply").helpInformation()).toContain('(default: "0s")');
  });
});

describe("what loads before a command runs", () => {
  // Only static imports load with a module; each command's own module is a dynamic import.
  async function staticallyLoaded(entry: string): Promise<string[]> {
    const { metafile } = await build({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
      absWorkingDir: fileURLToPath(new URL("../../..", import.meta.url)),
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      conditions: ["@stackform/source"],
      logLevel: "silent",
      plugins: [
        {
          name: "third-party-external",
          setup: (b) => {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path.startsWith("@stackform/") ? undefined : { external: true },
            );
          },
        },
      ],
    });
    const seen = new Set<string>();
    const start = fileURLToPath(new URL(entry, import.meta.url));
    const queue = Object.keys(metafile.inputs).filter((path) => start.endsWith(path));
    while (queue.length > 0) {
      const path = queue.pop() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      for (const edge of metafile.inputs[path]?.imports ?? [])
        if (edge.kind === "import-statement") queue.push(edge.path);
    }
    return [...seen];
  }

  test("reach the applier's defaults but not the applier, the engine or dockerode", async () => {
    const loaded = await staticallyLoaded("./program.ts");
    expect(loaded).toContain("packages/applier/src/defaults.ts");
    expect(
      loaded.filter((path) => /packages\/(applier|engine)\/src\/index\.ts|dockerode/.test(path)),
    ).toEqual([]);
  });

  // Destroy reads a stack file only when it holds something destroy uses, and then while it
  // takes the lock: the schema, zod and YAML must not load up front (test/bench: destroy).
  test.each(["./commands/destroy.ts", "./commands/ps.ts"])(
    "%s does not load the schema, zod or YAML",
    async (entry) => {
      const loaded = await staticallyLoaded(entry);
      expect(loaded).toContain(`packages/cli/src/${entry.slice(2)}`);
      expect(loaded.filter((path) => /packages\/schema\/src\/index\.ts|^zod|^yaml/.test(path))).toEqual([]);
    },
  );
});
