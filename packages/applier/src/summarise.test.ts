import type { Change, Operation } from "@stackform/planner";
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

describe("summarise by resource", () => {
  const change = (resource: string, action: Change["action"], operations: Operation[]): Change => ({
    resource,
    action,
    cause: "test",
    fields: [],
    operations: operations.map((o) => o.id),
  });
  const network = op.network("app_default");
  const createDb = op.create("app-db-1");
  const startDb = op.start("app-db-1");
  const createWeb = op.create("app-web-1");
  const startWeb = op.start("app-web-1");
  const changes = [
    change("network app_default", "create", [network]),
    change("service app-db-1", "replace", [createDb, startDb]),
    change("service app-web-1", "create", [createWeb, startWeb]),
  ];
  const ok = (operation: Operation) => ({ operation, status: "succeeded" as const, elapsedMs: 1 });

  it("counts resources, not operations, as the plan does", () => {
    const result: ApplyResult = {
      outcomes: [network, createDb, startDb, createWeb, startWeb].map(ok),
      succeeded: true,
      interrupted: false,
      elapsedMs: 10,
    };
    const summary = summarise(result, changes);
    expect(summary.resources).toEqual({ added: 2, changed: 0, replaced: 1, removed: 0 });
    expect(summary.counts.succeeded).toBe(5);
    expect(summary.resourceOutcomes.map((r) => `${r.resource} ${r.action} ${r.status}`)).toEqual([
      "network app_default create succeeded",
      "service app-db-1 replace succeeded",
      "service app-web-1 create succeeded",
    ]);
  });

  it("names the resource that failed and those skipped, and counts only completed ones", () => {
    const result: ApplyResult = {
      outcomes: [
        ok(network),
        ok(createDb),
        {
          operation: startDb,
          status: "failed",
          error: new Error("port 5432 is already allocated"),
          elapsedMs: 1,
        },
        ok(createWeb),
        { operation: startWeb, status: "skipped", reason: "start:app-db-1 failed", elapsedMs: 0 },
        // A wait on a container the plan keeps: grouped under its resource, counted as no change.
        {
          operation: op.wait("app-cache-1", "cache", "running"),
          status: "skipped",
          reason: "x",
          elapsedMs: 0,
        },
      ],
      succeeded: false,
      interrupted: false,
      elapsedMs: 10,
    };
    const summary = summarise(result, changes);
    expect(summary.resources).toEqual({ added: 1, changed: 0, replaced: 0, removed: 0 });
    expect(
      summary.resourceOutcomes.map((r) => `${r.resource} ${r.action} ${r.status} ${r.entries.length}`),
    ).toEqual([
      "network app_default create succeeded 0",
      "service app-db-1 replace failed 1",
      "service app-web-1 create skipped 1",
      "service cache keep skipped 1",
    ]);
  });
});
