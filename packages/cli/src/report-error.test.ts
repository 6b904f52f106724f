import { PassThrough } from "node:stream";
import { LockTimeoutError, WaitError } from "@stackform/applier";
import { EngineError } from "@stackform/engine";
import { SavedPlanError } from "@stackform/planner";
import { StackformError } from "@stackform/schema/contract";
import { describe, expect, test } from "vitest";
import { CliError, ExitCode } from "./cli-error.js";
import { reportError } from "./report-error.js";

function report(error: unknown): { code: number; text: string } {
  const stderr = new PassThrough();
  const code = reportError(error, stderr);
  return { code, text: String(stderr.read() ?? "") };
}

describe("reportError", () => {
  test.each([
    ["CliError", new CliError("no stack file here", "run it in the stack's folder", 3), 3],
    ["EngineError", new EngineError("conflict", "name web is taken", "remove the old container"), 1],
    ["SavedPlanError", new SavedPlanError("plan.json is not a plan"), 1],
    [
      "LockTimeoutError",
      new LockTimeoutError("shop", { holder: "ci, pid 1", host: "runner", since: "2026-01-01T00:00:00Z" }, 0),
      1,
    ],
    [
      "WaitError",
      new WaitError("service db did not start", "db", "running", { state: "exited", oomKilled: false }),
      1,
    ],
  ])("prints a %s as it is, with its hint, and no bug notice", (name, error, exitCode) => {
    expect(error).toBeInstanceOf(StackformError);
    expect(error.name).toBe(name);
    const { code, text } = report(error);
    expect(code).toBe(exitCode);
    expect(text).toContain(`Error: ${error.message}\n`);
    if (error.hint) expect(text).toContain(`Hint: ${error.hint}\n`);
    else expect(text).not.toContain("Hint:");
    expect(text).not.toContain("internal error");
  });

  test("an error of any other class is a bug in Stackform, even one named like ours", () => {
    const impostor = Object.assign(new Error("undefined is not a function"), { name: "EngineError" });
    const { code, text } = report(impostor);
    expect(code).toBe(1);
    expect(text).toContain("Error: internal error: undefined is not a function\n");
    expect(text).toContain("This is a bug in Stackform.");
  });

  test("ExitCode has already said everything: only its code", () => {
    expect(report(new ExitCode(2))).toEqual({ code: 2, text: "" });
  });
});
