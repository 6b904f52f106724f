import { type ApplyResult, summarise } from "@stackform/applier";
import type { Change, Operation } from "@stackform/planner";
import { describe, expect, it } from "vitest";
import { paint } from "./output.js";
import { formatSummary, summaryJson } from "./summary.js";

const op = (id: string, resource: string): Operation =>
  ({ id, after: [], resource, kind: "startContainer", container: id }) as Operation;
const change = (resource: string, action: Change["action"], ops: Operation[]): Change => ({
  resource,
  action,
  cause: "test",
  fields: [],
  operations: ops.map((o) => o.id),
});
const plain = paint({ isTTY: false } as unknown as NodeJS.WritableStream);
const options = { verb: "Apply", endpoint: "unix:///var/run/docker.sock", color: plain };

const net = op("network:app_default", "network default");
const createDb = op("create:app-db-1", "service db");
const startDb = op("start:app-db-1", "service db");
const startWeb = op("start:app-web-1", "service web");
const changes = [
  change("network default", "create", [net]),
  change("service db", "replace", [createDb, startDb]),
  change("service web", "create", [startWeb]),
];

describe("formatSummary", () => {
  it("counts resources as the plan does, Terraform's words, never operations", () => {
    const result: ApplyResult = {
      outcomes: [net, createDb, startDb, startWeb].map((operation) => ({
        operation,
        status: "succeeded",
        elapsedMs: 1,
      })),
      succeeded: true,
      interrupted: false,
      elapsedMs: 3200,
    };
    expect(formatSummary(summarise(result, changes), options)).toBe(
      "\nApply complete! Resources: 2 added, 0 changed, 1 replaced, 0 removed. (3.2s on unix:///var/run/docker.sock)\n",
    );
  });

  it("names the failed resource with its error, then the skipped ones with the reason", () => {
    const result: ApplyResult = {
      outcomes: [
        { operation: net, status: "succeeded", elapsedMs: 1 },
        { operation: createDb, status: "succeeded", elapsedMs: 1 },
        {
          operation: startDb,
          status: "failed",
          error: new Error("port 5432 is already allocated"),
          elapsedMs: 1,
        },
        { operation: startWeb, status: "skipped", reason: "start:app-db-1 failed", elapsedMs: 0 },
      ],
      succeeded: false,
      interrupted: false,
      elapsedMs: 1000,
    };
    const summary = summarise(result, changes);
    expect(formatSummary(summary, options).split("\n")).toEqual([
      "",
      "Apply failed. Resources: 1 added, 0 changed, 0 replaced, 0 removed, 1 failed, 1 skipped. (1.0s on unix:///var/run/docker.sock)",
      "  ✘ service db: start:app-db-1 failed: port 5432 is already allocated",
      "  - service web: skipped, start:app-db-1 failed",
      "Nothing that succeeded was rolled back; run the same command again to converge.",
      "",
    ]);
    expect(summaryJson(summary, { stack: "app", endpoint: "e" })).toMatchObject({
      status: "failed",
      resources: { added: 1, changed: 0, replaced: 0, removed: 0, failed: 1, skipped: 1, not_started: 0 },
      changes: [
        { resource: "network default", action: "create", status: "succeeded", problems: [] },
        {
          resource: "service db",
          status: "failed",
          problems: [
            { operation: "start:app-db-1", status: "failed", message: "port 5432 is already allocated" },
          ],
        },
        { resource: "service web", status: "skipped" },
      ],
    });
  });

  it("says only what a destroy removed", () => {
    const rm = op("remove:app-web-1", "service web");
    const result: ApplyResult = {
      outcomes: [{ operation: rm, status: "succeeded", elapsedMs: 1 }],
      succeeded: true,
      interrupted: false,
      elapsedMs: 500,
    };
    const summary = summarise(result, [change("service web", "remove", [rm])]);
    expect(formatSummary(summary, { ...options, verb: "Destroy" })).toContain(
      "Destroy complete! Resources: 1 removed. (0.5s",
    );
  });
});
