import type { ObservedSwarm } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { desiredLoader } from "../../test/desired-loader.js";
import { swarmAfterApply as applied, EMPTY_SWARM as EMPTY } from "../../test/swarm-after-apply.js";
import { planSwarm, planSwarmDestroy } from "./plan-swarm.js";

const desired = desiredLoader("plan-swarm", { "tls.key": "-----BEGIN KEY-----\n" });

const FILE = `
name: shop
services:
  web:
    image: stackform-test/busybox:1
    command: ["sleep", "3600"]
    environment: { GREETING: hello, API_TOKEN: s3cret }
    deploy:
      replicas: 3
      update_config: { order: start-first, parallelism: 1 }
`;

describe("planSwarm", () => {
  it("creates the services and overlay networks as docker stack deploy names them", async () => {
    const plan = planSwarm({ desired: await desired(FILE), extras: {}, observed: EMPTY });
    expect(plan.actions.map((a) => `${a.kind} ${a.name}`)).toEqual([
      "createNetwork shop_default",
      "createService shop_web",
    ]);
    const service = plan.actions[1];
    if (service?.kind !== "createService") throw new Error("expected a service");
    expect(service.spec.Labels).toEqual({
      "com.docker.stack.image": "stackform-test/busybox:1",
      "com.docker.stack.namespace": "shop",
    });
    expect(service.spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(service.spec.TaskTemplate.ContainerSpec.Args).toEqual(["sleep", "3600"]);
    const network = plan.actions[0];
    expect(network?.kind === "createNetwork" && network.spec.Driver).toBe("overlay");
    const token = plan.plan.changes
      .find((c) => c.resource === "service web")
      ?.fields.find((f) => f.path === "environment.API_TOKEN");
    expect(token?.sensitive).toBe(true);
  });

  it("is clean against what it applied, Swarm's defaults and network ids included", async () => {
    const stack = await desired(FILE);
    const observed = applied(planSwarm({ desired: stack, extras: {}, observed: EMPTY }));
    const again = planSwarm({ desired: stack, extras: {}, observed });
    expect(again.actions).toEqual([]);
    expect(again.plan.changes.every((c) => c.action === "keep")).toBe(true);
  });

  it("updates a changed service in place under its version index, field by field", async () => {
    const observed = applied(planSwarm({ desired: await desired(FILE), extras: {}, observed: EMPTY }));
    const changed = await desired(
      FILE.replace("GREETING: hello", "GREETING: bonjour").replace("replicas: 3", "replicas: 6"),
    );
    const plan = planSwarm({ desired: changed, extras: {}, observed });
    expect(plan.actions).toMatchObject([{ kind: "updateService", serviceId: "id-shop_web", version: 10 }]);
    const fields = plan.plan.changes.find((c) => c.action === "update")?.fields ?? [];
    expect(fields.map((f) => [f.path, f.before, f.after])).toEqual([
      ["deploy.replicas", 3, 6],
      ["environment.GREETING", "hello", "bonjour"],
    ]);
  });

  it("runs a service with `platform` only on nodes of that platform, and shows a change of it", async () => {
    const amd64 = await desired(FILE.replace("    command:", "    platform: linux/amd64\n    command:"));
    const first = planSwarm({ desired: amd64, extras: {}, observed: EMPTY });
    const create = first.actions.find((a) => a.kind === "createService");
    if (create?.kind !== "createService") throw new Error("expected a service");
    expect(create.spec.TaskTemplate.Placement).toEqual({
      Platforms: [{ OS: "linux", Architecture: "amd64" }],
    });
    const observed = applied(first);
    expect(planSwarm({ desired: amd64, extras: {}, observed }).actions).toEqual([]);
    const arm64 = await desired(FILE.replace("    command:", "    platform: linux/arm64\n    command:"));
    const fields = planSwarm({ desired: arm64, extras: {}, observed }).plan.changes.find(
      (c) => c.action === "update",
    )?.fields;
    expect(fields?.map((f) => [f.path, f.before, f.after])).toEqual([
      ["platform", ["linux/amd64"], ["linux/arm64"]],
    ]);
  });

  it("reads the Swarm-only keys: endpoint mode, host ports, placement, service labels", async () => {
    const stack = await desired(`
name: shop
services:
  web:
    image: stackform-test/busybox:1
    ports: [{ target: 80, published: 8080, mode: host }]
`);
    const plan = planSwarm({
      desired: stack,
      extras: {
        web: {
          endpointMode: "dnsrr",
          labels: { team: "a" },
          portModes: { "80/tcp": "host" },
          placement: { constraints: ["node.role==manager"], preferences: [] },
        },
      },
      observed: EMPTY,
    });
    const create = plan.actions.find((a) => a.kind === "createService");
    if (create?.kind !== "createService") throw new Error("expected a service");
    expect(create.spec.EndpointSpec).toEqual({
      Mode: "dnsrr",
      Ports: [{ Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "host" }],
    });
    expect(create.spec.Labels).toMatchObject({ "com.docker.stack.namespace": "shop", team: "a" });
    expect(create.spec.TaskTemplate.Placement).toEqual({ Constraints: ["node.role==manager"] });
  });

  it("warns about what a Swarm cannot do instead of dropping it", async () => {
    const stack = await desired(`
name: shop
services:
  db:
    image: stackform-test/busybox:1
  web:
    image: shop/web:1
    build: .
    network_mode: host
    depends_on: { db: { condition: service_healthy } }
`);
    const codes = planSwarm({ desired: stack, extras: {}, observed: EMPTY }).plan.warnings.map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(["swarm-network-mode", "swarm-depends-on"]));
    expect(codes).not.toContain("swarm-build");
  });

  it("makes secrets and configs Swarm objects named by their value, and rotates one whose value changed", async () => {
    const file = (greeting: string) => `
name: shop
services:
  web:
    image: stackform-test/busybox:1
    secrets: [db_password, { source: tls_key, target: /etc/tls.key }]
    configs: [{ source: app_conf, target: /etc/app.conf, mode: 0440 }]
secrets:
  db_password: { environment: DB_PASSWORD }
  tls_key: { file: ./tls.key }
configs:
  app_conf: { content: "greeting=${greeting}" }
`;
    const contents = { "secret:tls_key": "-----BEGIN KEY-----\n" };
    const env = { DB_PASSWORD: "hunter2-0c1d" };
    const first = planSwarm({
      desired: await desired(file("hello"), env),
      extras: {},
      observed: EMPTY,
      fileContents: contents,
    });
    expect(first.actions.map((a) => a.kind)).toEqual([
      "createNetwork",
      "createFileObject",
      "createFileObject",
      "createFileObject",
      "createService",
    ]);
    const web = first.actions.find((a) => a.kind === "createService");
    const c = web?.kind === "createService" ? web.spec.TaskTemplate.ContainerSpec : undefined;
    expect(c?.Mounts).toBeUndefined();
    expect(
      c?.Secrets?.map((r) => [r.File.Name, r.SecretID, r.SecretName.replace(/_[0-9a-f]{12}$/, "")]),
    ).toEqual([
      ["/etc/tls.key", "", "shop_tls_key"],
      ["db_password", "", "shop_db_password"],
    ]);
    expect(c?.Configs?.[0]?.File).toEqual({ Name: "/etc/app.conf", UID: "0", GID: "0", Mode: 0o440 });

    const observed = applied(first);
    expect(
      planSwarm({ desired: await desired(file("hello"), env), extras: {}, observed, fileContents: contents })
        .actions,
    ).toEqual([]);

    const rotated = planSwarm({
      desired: await desired(file("bonjour"), env),
      extras: {},
      observed,
      fileContents: contents,
    });
    expect(rotated.actions.map((a) => a.kind)).toEqual([
      "createFileObject",
      "updateService",
      "removeFileObject",
    ]);
    expect(rotated.plan.changes.find((ch) => ch.resource === "config app_conf")?.cause).toContain(
      "its value changed",
    );
    const text = JSON.stringify(rotated.plan);
    expect(text).not.toContain(env.DB_PASSWORD);
    expect(text).not.toContain(Buffer.from(env.DB_PASSWORD).toString("base64"));
  });

  it("destroys every service, then every secret, config and network, of the stack", () => {
    const observed: ObservedSwarm = {
      services: [
        {
          id: "s1",
          name: "shop_web",
          version: 3,
          spec: {
            Name: "shop_web",
            Labels: {},
            TaskTemplate: { ContainerSpec: { Image: "x" } },
            Mode: { Replicated: { Replicas: 1 } },
          },
        },
      ],
      networks: [
        {
          id: "n1",
          name: "shop_default",
          driver: "overlay",
          labels: {},
          options: {},
          internal: false,
          attachable: false,
          enableIpv6: false,
          ipam: { Driver: "default", Config: [], Options: {} },
        },
      ],
      secrets: [{ id: "x1", name: "shop_db_password_0123456789ab" }],
      configs: [],
    };
    expect(planSwarmDestroy("shop", observed).actions.map((a) => a.kind)).toEqual([
      "removeService",
      "removeFileObject",
      "removeNetwork",
    ]);
  });
});
