import { Labels } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { desiredLoader } from "../../test/desired-loader.js";
import { EMPTY_SWARM as EMPTY, swarmAfterApply } from "../../test/swarm-after-apply.js";
import { planSwarm } from "./plan-swarm.js";
import { registryHost, swarmBuildErrors } from "./swarm-builds.js";

const desired = desiredLoader("swarm-builds", { Dockerfile: "FROM stackform-test/busybox:1\n" });
const REF = "registry.example.com:5000/shop/web:1";
/** The Swarm after an apply whose push of REF reported `digest`. */
const afterApply = (plan: Parameters<typeof swarmAfterApply>[0], digest: string) =>
  swarmAfterApply(plan, { ref: REF, digest });
const FILE = (replicas: number) => `
name: shop
services:
  web:
    image: ${REF}
    build: .
    command: ["sleep", "3600"]
    deploy: { replicas: ${replicas} }
`;
const DIGEST_A = `sha256:${"a".repeat(64)}`;
const DIGEST_B = `sha256:${"b".repeat(64)}`;

/** The plan's actions but the networks' (compared elsewhere: plan-swarm.test.ts). */
const kinds = (plan: ReturnType<typeof planSwarm>) =>
  plan.actions.filter((a) => !a.kind.endsWith("Network")).map((a) => a.kind);

describe("planSwarm with build:", () => {
  it("builds and pushes first, and creates the service to run the pushed digest", async () => {
    const stack = await desired(FILE(2));
    const plan = planSwarm({ desired: stack, extras: {}, observed: EMPTY, contextDigests: { web: "ctx1" } });
    expect(plan.actions.map((a) => `${a.kind} ${a.name}`)).toEqual([
      `buildImage ${REF}`,
      "createNetwork shop_default",
      "createService shop_web",
    ]);
    const build = plan.actions[0];
    if (build?.kind !== "buildImage") throw new Error("expected a build");
    expect(build).toMatchObject({
      contextDigest: "ctx1",
      build: { context: stack.services.web?.build?.context },
    });
    const create = plan.actions[2];
    if (create?.kind !== "createService") throw new Error("expected a service");
    // The apply fills in the digest the push reports.
    expect(create.spec.TaskTemplate.ContainerSpec.Image).toBe(REF);
    expect(create.spec.Labels).toMatchObject({ [Labels.buildContext]: "ctx1", [Labels.buildDigest]: "" });
    const image = plan.plan.changes.find((c) => c.resource === `image ${REF}`);
    expect(image).toMatchObject({ action: "create" });
    const service = plan.plan.changes.find((c) => c.resource === "service web");
    expect(service?.fields.find((f) => f.path === "image")?.after).toBe(`${REF}@(digest known after push)`);
  });

  it("plans clean after apply: the same context keeps the deployed digest, without building", async () => {
    const stack = await desired(FILE(2));
    const first = planSwarm({ desired: stack, extras: {}, observed: EMPTY, contextDigests: { web: "ctx1" } });
    const observed = afterApply(first, DIGEST_A);
    const again = planSwarm({ desired: stack, extras: {}, observed, contextDigests: { web: "ctx1" } });
    expect(kinds(again)).toEqual([]);

    // Another change keeps the digest and does not build.
    const scaled = planSwarm({
      desired: await desired(FILE(3)),
      extras: {},
      observed,
      contextDigests: { web: "ctx1" },
    });
    expect(kinds(scaled)).toEqual(["updateService"]);
    const update = scaled.actions.find((a) => a.kind === "updateService");
    if (update?.kind !== "updateService") throw new Error("expected an update");
    expect(update.spec.TaskTemplate.ContainerSpec.Image).toBe(`${REF}@${DIGEST_A}`);
    expect(scaled.plan.changes.find((c) => c.resource === "service web")?.fields.map((f) => f.path)).toEqual([
      "deploy.replicas",
    ]);
  });

  it("rebuilds when the context changed, and shows the digest moving", async () => {
    const stack = await desired(FILE(2));
    const first = planSwarm({ desired: stack, extras: {}, observed: EMPTY, contextDigests: { web: "ctx1" } });
    const observed = afterApply(first, DIGEST_A);
    const plan = planSwarm({ desired: stack, extras: {}, observed, contextDigests: { web: "ctx2" } });
    expect(kinds(plan)).toEqual(["buildImage", "updateService"]);
    expect(plan.plan.changes.find((c) => c.resource === `image ${REF}`)).toMatchObject({
      action: "update",
      fields: expect.arrayContaining([
        {
          path: "digest",
          before: DIGEST_A,
          after: "(digest known after push)",
          sensitive: false,
          forcesReplace: false,
        },
      ]),
    });
    expect(plan.plan.changes.find((c) => c.resource === "service web")?.fields).toEqual([
      {
        path: "image",
        before: `${REF}@${DIGEST_A}`,
        after: `${REF}@(digest known after push)`,
        sensitive: false,
        forcesReplace: false,
      },
    ]);
  });

  it("treats an image changed by hand as drift, even with the same tag", async () => {
    const stack = await desired(FILE(2));
    const observed = afterApply(
      planSwarm({ desired: stack, extras: {}, observed: EMPTY, contextDigests: { web: "ctx1" } }),
      DIGEST_A,
    );
    observed.services[0]!.spec.TaskTemplate.ContainerSpec.Image = `${REF}@${DIGEST_B}`;
    const plan = planSwarm({ desired: stack, extras: {}, observed, contextDigests: { web: "ctx1" } });
    expect(kinds(plan)).toEqual(["buildImage", "updateService"]);
  });
});

describe("swarmBuildErrors", () => {
  it("refuses a build: service whose image no node could pull, saying what to write", async () => {
    const stack = await desired(`
name: shop
services:
  bare: { build: . }
  local: { build: ., image: "shop/local:1" }
  hub: { build: ., image: "docker.io/shop/hub:1" }
  ok: { build: ., image: "${REF}" }
  pulled: { image: "shop/pulled:1" }
`);
    const errors = swarmBuildErrors(stack);
    expect(errors.map((e) => [e.code, (e.path ?? []).join(".")])).toEqual([
      ["swarm-build-registry", "services.bare.build"],
      ["swarm-build-registry", "services.local.image"],
    ]);
    expect(errors[0]?.message).toMatch(/has build: but no image:/);
    expect(errors[1]?.message).toMatch(/image shop\/local:1 names no registry/);
    expect(errors[1]?.hint).toMatch(/pushes it and deploys it by digest/);
  });

  it("reads the registry host as the docker CLI does", () => {
    expect(registryHost("10.231.0.1:5000/app:1")).toBe("10.231.0.1:5000");
    expect(registryHost("localhost/app")).toBe("localhost");
    expect(registryHost("library/nginx")).toBeUndefined();
    expect(registryHost("nginx:1")).toBeUndefined();
  });
});
