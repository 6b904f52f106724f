import type { ObservedState, ServiceHooks } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import type { Operation, StartContainer, StopContainer } from "../src/model/operation.js";
import { plan } from "../src/plan.js";
import { planDestroy } from "../src/plan-destroy.js";
import { planToJson } from "../src/render/plan-to-json.js";
import { renderPlan } from "../src/render/render-plan.js";
import { sensitiveValues } from "../src/spec/sensitive-keys.js";
import { changeContainer, desiredStack, human, observedFromDesired, type ServiceInput } from "./builders.js";

const SECRET = "hook-secret-value";
const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

const hooks = (marker = "started"): ServiceHooks => ({
  postStart: [
    { command: ["touch", `/tmp/${marker}`], environment: {}, sensitiveKeys: [] },
    {
      command: ["sh", "-c", "echo ok"],
      environment: { API_TOKEN: SECRET, MODE: "fast" },
      sensitiveKeys: ["API_TOKEN"],
      user: "0",
      workingDir: "/tmp",
      privileged: true,
    },
  ],
  preStop: [{ command: ["sh", "-c", "echo bye > /data/bye"], environment: {}, sensitiveKeys: [] }],
});

const stack = (web: ServiceInput = {}, extra: Record<string, ServiceInput> = {}) =>
  desiredStack({ services: { web: { image: "web:1", hooks: hooks(), ...web }, ...extra } });

const op = <K extends Operation["kind"]>(ops: Operation[], kind: K, container: string) =>
  ops.find((o) => o.kind === kind && "container" in o && o.container === container) as
    | Extract<Operation, { kind: K }>
    | undefined;

describe("lifecycle hooks on operations", () => {
  it("the start of a new container carries the post_start hooks, in order, named", () => {
    const p = plan(stack(), empty);
    const start = op(p.operations, "startContainer", "app-web-1") as StartContainer;
    expect(start.postStart).toEqual([
      { service: "web", hook: "post_start[0]", command: ["touch", "/tmp/started"], env: {} },
      {
        service: "web",
        hook: "post_start[1]",
        command: ["sh", "-c", "echo ok"],
        env: { API_TOKEN: SECRET, MODE: "fast" },
        sensitiveEnv: ["API_TOKEN"],
        user: "0",
        workingDir: "/tmp",
        privileged: true,
      },
    ]);
    expect("preStop" in start).toBe(false);
  });

  it("a service without hooks makes the same operations as before: no hook fields", () => {
    const p = plan(stack({ hooks: undefined }), empty);
    for (const o of p.operations) {
      expect("postStart" in o).toBe(false);
      expect("preStop" in o).toBe(false);
    }
  });

  it("changing only a hook changes nothing: no replace, no operation", () => {
    const observed = observedFromDesired(stack());
    const edited = stack({ hooks: { ...hooks("ready"), preStop: [] } });
    const p = plan(edited, observed);
    expect(p.operations).toEqual([]);
    expect(human(p)).toBe("No changes. The stack matches the engine.\n");
    // Adding hooks to a service that had none is no change either: the config hash leaves them out.
    expect(plan(stack(), observedFromDesired(stack({ hooks: undefined }))).operations).toEqual([]);
  });

  it("a rolling replace starts the new container with post_start and stops the old one with pre_stop", () => {
    const observed = observedFromDesired(stack());
    const p = plan(stack({ image: "web:2" }), observed);
    const starts = p.operations.filter((o): o is StartContainer => o.kind === "startContainer");
    expect(starts).toHaveLength(1);
    expect(starts[0]!.container).not.toBe("app-web-1"); // the temporary name
    expect(starts[0]!.postStart?.map((h) => h.hook)).toEqual(["post_start[0]", "post_start[1]"]);
    const stop = op(p.operations, "stopContainer", "app-web-1") as StopContainer;
    expect(stop.preStop).toEqual([
      { service: "web", hook: "pre_stop[0]", command: ["sh", "-c", "echo bye > /data/bye"], env: {} },
    ]);
  });

  it("a stop-first replace carries both too", () => {
    const observed = observedFromDesired(stack({ ports: [] }));
    const p = plan(stack({ image: "web:2", updateConfig: { order: "stop-first" } }), observed);
    expect(p.changes.find((c) => c.resource === "service web")?.cause).toContain("stop-first");
    expect((op(p.operations, "stopContainer", "app-web-1") as StopContainer).preStop).toHaveLength(1);
    const start = p.operations.find((o): o is StartContainer => o.kind === "startContainer");
    expect(start?.postStart).toHaveLength(2);
  });

  it("scaling down stops the leaving replica with its pre_stop hooks (drained)", () => {
    const observed = observedFromDesired(stack({ replicas: 2 }));
    const p = plan(stack({ replicas: 1 }), observed);
    const stop = op(p.operations, "stopContainer", "app-web-2") as StopContainer;
    expect(stop.preStop?.map((h) => h.hook)).toEqual(["pre_stop[0]"]);
  });

  it("starting a stopped container runs post_start again", () => {
    const observed = changeContainer(observedFromDesired(stack()), "app-web-1", (c) => ({
      ...c,
      state: "exited",
    }));
    const start = op(plan(stack(), observed).operations, "startContainer", "app-web-1") as StartContainer;
    expect(start.postStart).toHaveLength(2);
  });

  it("a service gone from the stack file is stopped without hooks: they are no longer known", () => {
    const observed = observedFromDesired(stack({}, { worker: { image: "worker:1", hooks: hooks() } }));
    const p = plan(stack(), observed);
    const stop = op(p.operations, "stopContainer", "app-worker-1") as StopContainer;
    expect(stop).toBeDefined();
    expect("preStop" in stop).toBe(false);
  });
});

describe("sensitive hook environment", () => {
  it("is masked in every rendering and in the JSON operations, unless asked", () => {
    const p = plan(stack(), empty);
    for (const text of [
      renderPlan(p, { format: "human", color: false }),
      renderPlan(p, { format: "markdown", color: false }),
      JSON.stringify(planToJson(p)),
    ])
      expect(text).not.toContain(SECRET);
    const json = planToJson(p) as {
      operations: { id: string; post_start?: { env: Record<string, string>; sensitive_env?: string[] }[] }[];
    };
    const start = json.operations.find((o) => o.id === "start:app-web-1");
    expect(start?.post_start?.[1]?.env).toEqual({ API_TOKEN: "(sensitive)", MODE: "fast" });
    expect(start?.post_start?.[1]?.sensitive_env).toEqual(["API_TOKEN"]);
    expect(JSON.stringify(planToJson(p, { showSensitive: true }))).toContain(SECRET);
  });

  it("is masked on pre_stop hooks too, and is among the values scrubbed from engine output", () => {
    const withSecretStop = stack({
      hooks: {
        postStart: [],
        preStop: [
          { command: ["true"], environment: { DB_PASSWORD: SECRET }, sensitiveKeys: ["DB_PASSWORD"] },
        ],
      },
    });
    const p = plan(withSecretStop, observedFromDesired(stack({ replicas: 2 })));
    const text = JSON.stringify(planToJson(p));
    expect(text).toContain('"DB_PASSWORD":"(sensitive)"');
    expect(text).not.toContain(SECRET);
    expect(sensitiveValues(withSecretStop)).toContain(SECRET);
  });
});

describe("destroy", () => {
  it("stops with the pre_stop hooks of the services the stack file has, when it is at hand", () => {
    const desired = stack({}, { worker: { image: "worker:1" } });
    const observed = observedFromDesired(desired);
    const p = planDestroy(observed, { volumes: false, services: desired.services });
    expect((op(p.operations, "stopContainer", "app-web-1") as StopContainer).preStop).toHaveLength(1);
    expect("preStop" in (op(p.operations, "stopContainer", "app-worker-1") as StopContainer)).toBe(false);
    const withoutFile = planDestroy(observed, { volumes: false });
    expect("preStop" in (op(withoutFile.operations, "stopContainer", "app-web-1") as StopContainer)).toBe(
      false,
    );
  });
});
