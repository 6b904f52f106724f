import { describe, expect, it } from "vitest";
import { op } from "../test/operations.js";
import type { ApplyResult } from "./apply-result.js";
import { summarise } from "./summarise.js";

describe("summarise", () => {
  it("counts every status and lists failures, then skips, then cancellations with their reasons", () => {
    const result: ApplyResult = {
      outcomes: [
        { operation: op.network("n"), status: "succeeded", elapsedMs: 10 },
        {
          operation: op.start("app-web-1"),
          status: "skipped",
          reason: "start:app-db-1 failed",
          elapsedMs: 0,
        },
        {
          operation: op.start("app-db-1"),
          status: "failed",
          error: new Error("port 5432 is already allocated"),
          elapsedMs: 5,
        },
        {
          operation: op.pull("redis:7"),
          status: "cancelled",
          reason: "the apply was interrupted before it started",
          elapsedMs: 0,
        },
        { operation: op.create("app-cache-1"), status: "succeeded", elapsedMs: 3 },
      ],
      succeeded: false,
      interrupted: true,
      elapsedMs: 3200,
    };

    const summary = summarise(result);

    expect(summary.counts).toEqual({ succeeded: 2, failed: 1, skipped: 1, cancelled: 1 });
    expect(summary.total).toBe(5);
    expect(summary.entries.map((e) => `${e.operation.id} ${e.text}`)).toEqual([
      "start:app-db-1 failed: port 5432 is already allocated",
      "start:app-web-1 skipped: start:app-db-1 failed",
      "pull:redis:7 cancelled: the apply was interrupted before it started",
    ]);
    expect([summary.succeeded, summary.interrupted, summary.elapsedMs]).toEqual([false, true, 3200]);
  });
});
