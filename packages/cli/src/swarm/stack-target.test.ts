import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GlobalOptions } from "../global-options.js";
import { stackDocuments } from "./stack-documents.js";
import { stackTarget } from "./stack-target.js";
import { swarmExtras } from "./swarm-extras.js";

const globals = (over: Partial<GlobalOptions> = {}): GlobalOptions => ({
  file: [],
  profile: [],
  json: false,
  color: false,
  yes: false,
  ...over,
});

function file(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "stack-target-")), "stack.yaml");
  writeFileSync(path, yaml);
  return path;
}

describe("stackTarget", () => {
  const swarmFile = file("x-stackform: { target: swarm }\nservices: {}\n");

  it("is containers unless chosen", async () => {
    expect(await stackTarget(globals(), [file("services: {}\n")], {})).toBe("containers");
    expect(await stackTarget(globals(), [file("x-stackform: { drain: 1s }\nservices: {}\n")], {})).toBe(
      "containers",
    );
  });

  it("takes the flag over STACK_TARGET over the file", async () => {
    expect(await stackTarget(globals(), [swarmFile], {})).toBe("swarm");
    expect(await stackTarget(globals(), [swarmFile], { STACK_TARGET: "containers" })).toBe("containers");
    expect(await stackTarget(globals({ target: "swarm" }), [], { STACK_TARGET: "containers" })).toBe("swarm");
  });

  it("takes the last file that sets it, skipping files that never mention it", async () => {
    const back = file("x-stackform:\n  target: containers\n");
    const plain = file("services: {}\n");
    expect(await stackTarget(globals(), [swarmFile, plain], {})).toBe("swarm");
    expect(await stackTarget(globals(), [swarmFile, back, plain], {})).toBe("containers");
  });

  it("refuses an unknown target, naming the ones there are", async () => {
    await expect(stackTarget(globals({ target: "k8s" }), [], {})).rejects.toThrow(/unknown target "k8s"/);
  });
});

describe("swarmExtras", () => {
  it("reads the Swarm-only keys, a later file's winning", () => {
    const base = file(`
services:
  web:
    ports: [{ target: 80, published: 8080, mode: host }, "9000:9000"]
    deploy:
      mode: global
      endpoint_mode: vip
      labels: [team=a, tier]
      placement:
        constraints: [node.role==manager]
        preferences: [{ spread: node.labels.zone }]
`);
    const override = file("services:\n  web:\n    deploy:\n      endpoint_mode: dnsrr\n");
    const extras = swarmExtras(stackDocuments(globals(), [base, override]));
    expect(extras.web).toEqual({
      mode: "global",
      endpointMode: "dnsrr",
      labels: { team: "a", tier: "" },
      placement: { constraints: ["node.role==manager"], preferences: ["node.labels.zone"] },
      portModes: { "80/tcp": "host" },
    });
  });
});

describe("swarmOnlyWarnings", () => {
  it("says, on one engine, which Swarm-only deploy keys have no effect", async () => {
    const { swarmOnlyWarnings } = await import("./swarm-only-warnings.js");
    const docs = stackDocuments(globals(), [
      file("services:\n  web:\n    deploy:\n      replicas: 2\n      endpoint_mode: dnsrr\n"),
    ]);
    expect(swarmOnlyWarnings(docs).map((w) => w.message)).toEqual([
      "services.web.deploy.endpoint_mode is a Swarm setting; on one engine it has no effect",
    ]);
  });
});
