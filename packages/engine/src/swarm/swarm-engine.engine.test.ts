import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SwarmRig, startSwarmRig } from "../../../../test/support/swarm-rig.js";
import { isEngineError } from "../errors.js";
import { SwarmEngine } from "./swarm-engine.js";

/** The Swarm calls on a real three-node Swarm (scripts/swarm-rig.sh). */
let rig: SwarmRig;
let engine: SwarmEngine;

beforeAll(async () => {
  rig = await startSwarmRig();
  engine = await SwarmEngine.connect({ host: rig.hosts[0] });
}, 120_000);

afterAll(async () => {
  await engine?.close();
}, 120_000);

describe("SwarmEngine", () => {
  it("refuses an update made under a version someone else has moved past", async () => {
    const stack = `eng-${randomBytes(3).toString("hex")}`;
    const spec = {
      Name: `${stack}_web`,
      Labels: { "com.docker.stack.namespace": stack },
      TaskTemplate: { ContainerSpec: { Image: "stackform-test/busybox:1", Args: ["sleep", "300"] } },
      Mode: { Replicated: { Replicas: 0 } },
    };
    const id = await engine.createService(spec);
    try {
      const [seen] = (await engine.observe(stack)).services;
      expect(seen?.id).toBe(id);
      const version = seen?.version ?? 0;
      // Someone else changes the service after "the plan" read it.
      rig.docker(1, "service", "update", "--detach", "--label-add", "by=someone", id);
      const error = await engine
        .updateService(id, version, { ...spec, Mode: { Replicated: { Replicas: 1 } } })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(isEngineError(error, "conflict")).toBe(true);
      expect((error as Error).message).toMatch(/changed on the Swarm after the plan was made/);
      // Nothing of the stale update landed.
      const [after] = (await engine.observe(stack)).services;
      expect(after?.spec.Mode).toEqual({ Replicated: { Replicas: 0 } });
      expect(after?.spec.Labels.by).toBe("someone");
    } finally {
      await engine.removeService(id, spec.Name);
    }
  });

  it("finds a stack's objects by the namespace label docker stack uses, and no one else's", async () => {
    const stack = `eng-${randomBytes(3).toString("hex")}`;
    rig.docker(
      0,
      "network",
      "create",
      "-d",
      "overlay",
      "--label",
      `com.docker.stack.namespace=${stack}`,
      `${stack}_net`,
    );
    rig.docker(0, "network", "create", "-d", "overlay", `${stack}_other`);
    try {
      const observed = await engine.observe(stack);
      expect(observed.networks.map((n) => n.name)).toEqual([`${stack}_net`]);
      expect(observed.services).toEqual([]);
    } finally {
      rig.docker(0, "network", "rm", `${stack}_net`, `${stack}_other`);
    }
  });
});
