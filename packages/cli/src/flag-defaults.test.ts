import { DEFAULT_CONCURRENCY, DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_WAIT_TIMEOUT_MS } from "@stackform/applier";
import type { Command } from "commander";
import { describe, expect, test } from "vitest";
import { durationFlag } from "./durations.js";
import { buildProgram } from "./program.js";

// The flags spell the applier's defaults out (importing it would load the engine for every
// command, see shared-flags.ts); this holds the two to one value.
const program = buildProgram();
const command = (name: string) => program.commands.find((c) => c.name() === name) as Command;
const defaultOf = (name: string, flag: string): unknown =>
  command(name).options.find((o) => o.long === flag)?.defaultValue;

describe("flag defaults", () => {
  test("apply runs as many operations at once as the applier does by default", () => {
    expect(defaultOf("apply", "--concurrency")).toBe(DEFAULT_CONCURRENCY);
  });

  test("apply waits as long as the applier does by default", () => {
    expect(durationFlag("--wait-timeout", defaultOf("apply", "--wait-timeout") as string)).toBe(
      DEFAULT_WAIT_TIMEOUT_MS,
    );
  });

  test.each(["apply", "destroy", "gc"])("%s waits for a held lock as the applier does by default", (name) => {
    expect(durationFlag("--lock-timeout", defaultOf(name, "--lock-timeout") as string)).toBe(
      DEFAULT_LOCK_TIMEOUT_MS,
    );
  });
});
