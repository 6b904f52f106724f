import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { afterOf, desiredStack, human, ids, observedFromDesired, runsAfter } from "./builders.js";

const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

describe("networks", () => {
  const twoNets = desiredStack({
    services: {
      web: { networks: { front: { aliases: [] }, back: { aliases: [] } } },
      db: { image: "postgres:16", networks: { back: { aliases: [] } } },
    },
    networks: { front: {}, back: {} },
  });

  it("replaces a network whose options changed and reconnects the containers kept", () => {
    const changed = desiredStack({
      services: Object.fromEntries(Object.entries(twoNets.services).map(([k, { name: _, ...s }]) => [k, s])),
      networks: { front: {}, back: { internal: true } },
    });
    const p = plan(changed, observedFromDesired(twoNets));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

-/+ network back  # internal changed; a network's options are fixed at creation, so it is recreated and its containers reconnected
      ~ internal: false → true (forces new network)

  ~ service db  # reconnected to network back, which is recreated

  ~ service web  # reconnected to network back, which is recreated

Plan: 0 to add, 2 to change, 1 to replace, 0 to remove.
`);
    expect(afterOf(p, "remove-network:app_back")).toEqual([
      "disconnect:app-db-1:app_back",
      "disconnect:app-web-1:app_back",
    ]);
    expect(afterOf(p, "create-network:app_back")).toEqual(["remove-network:app_back"]);
    expect(afterOf(p, "connect:app-web-1:app_back")).toEqual([
      "create-network:app_back",
      "disconnect:app-web-1:app_back",
    ]);
  });

  it("recreates a container that is replaced anyway on a replaced network: stop, remove, create, start", () => {
    const changed = desiredStack({
      services: {
        web: { networks: { front: { aliases: [] }, back: { aliases: [] } } },
        db: { image: "postgres:17", networks: { back: { aliases: [] } } },
      },
      networks: { front: {}, back: { driverOpts: { "com.docker.network.driver.mtu": "1400" } } },
    });
    const p = plan(changed, observedFromDesired(twoNets));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + image postgres:17  # not on the engine; pulled

-/+ network back  # options changed (config hash v1:77d7fcafaf9e… → v1:f5fb9d30e1e0…); it is recreated and its containers reconnected

-/+ service db  # image postgres:16 → postgres:17 forces a new container; stop-first: network app_back is recreated, so the new container can join it only once the old one is gone
      ~ image: "postgres:16" → "postgres:17" (forces new container)

  ~ service web  # reconnected to network back, which is recreated

Plan: 1 to add, 1 to change, 2 to replace, 0 to remove.
`);
    expect(ids(p).filter((id) => id.includes("app-db-1"))).toEqual([
      "stop:app-db-1",
      "remove:app-db-1",
      "create:app-db-1",
      "start:app-db-1",
    ]);
    expect(runsAfter(p, "create:app-db-1", "create-network:app_back")).toBe(true);
    expect(runsAfter(p, "remove-network:app_back", "remove:app-db-1")).toBe(true);
  });

  it("removes a stack network dropped from the file after its containers are disconnected", () => {
    const oneNet = desiredStack({
      services: {
        web: { networks: { front: { aliases: [] } } },
        db: { image: "postgres:16", networks: { front: { aliases: [] } } },
      },
      networks: { front: {} },
    });
    const p = plan(oneNet, observedFromDesired(twoNets));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  - network back  # network back is not in the stack file

  ~ service db  # not connected to network front (disconnected outside Stackform, or added to the file); connected to network back, which it should not join
      + networks.front: "connected"
      - networks.back: "connected"

  ~ service web  # connected to network back, which it should not join
      - networks.back: "connected"

Plan: 0 to add, 2 to change, 0 to replace, 1 to remove.
`);
    expect(afterOf(p, "remove-network:app_back")).toEqual([
      "disconnect:app-db-1:app_back",
      "disconnect:app-web-1:app_back",
    ]);
  });

  it("never creates an external network; a missing one is a warning", () => {
    const external = desiredStack({
      services: { web: { networks: { proxy: { aliases: [] } } } },
      networks: { proxy: { external: true, name: "proxy" } },
    });
    const p = plan(external, empty);
    expect(ids(p)).toEqual(["pull:nginx:1.27", "create:app-web-1", "start:app-web-1"]);
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + image nginx:1.27  # not on the engine; pulled

  + service web  # not on the engine
      + image: "nginx:1.27"
      + networks.proxy: "connected"

Plan: 2 to add, 0 to change, 0 to replace, 0 to remove.

Warning: external network proxy does not exist; apply will fail to create the containers that join it
  create it first: docker network create proxy
`);
    expect(plan(external, observedFromDesired(external)).operations).toEqual([]);
  });

  it("uses a network of the same name that the stack does not own, with a warning", () => {
    const desired = desiredStack({ services: { web: {} } });
    const observed = observedFromDesired(desired);
    const foreign = {
      ...observed,
      networks: observed.networks.map((n) => ({ ...n, stack: undefined, configHash: undefined })),
    };
    const p = plan(desired, foreign);
    expect(p.operations).toEqual([]);
    expect(p.warnings.map((w) => w.code)).toEqual(["network-not-owned"]);
  });
});

describe("volumes", () => {
  const withData = desiredStack({
    services: {
      db: {
        image: "postgres:16",
        mounts: [
          {
            type: "volume",
            source: "data",
            target: "/var/lib/postgresql/data",
            readOnly: false,
            noCopy: false,
          },
        ],
      },
    },
    volumes: { data: {} },
  });

  it("creates a missing volume before the container that mounts it", () => {
    const p = plan(withData, empty);
    expect(afterOf(p, "create:app-db-1")).toEqual([
      "create-network:app_default",
      "create-volume:app_data",
      "pull:postgres:16",
    ]);
  });

  it("adds a volume: the volume is created and the container replaced, naming the mount", () => {
    const before = desiredStack({ services: { db: { image: "postgres:16" } } });
    const p = plan(withData, observedFromDesired(before));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

-/+ service db  # volumes[/var/lib/postgresql/data] changed; start-first, 1 at a time, gate: running 3s, drain 2s
      + volumes[/var/lib/postgresql/data]: "volume app_data" (forces new container)

  + volume data  # not on the engine
      + driver: "local"

Plan: 1 to add, 0 to change, 1 to replace, 0 to remove.
`);
    expect(afterOf(p, "create:app-db-1--stackform-new")).toEqual(["create-volume:app_data"]);
  });

  it("keeps a volume dropped from the file and says so", () => {
    const without = desiredStack({ services: { db: { image: "postgres:16" } } });
    const p = plan(without, observedFromDesired(withData));
    expect(ids(p).some((id) => id.includes("volume"))).toBe(false);
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

-/+ service db  # volumes[/var/lib/postgresql/data] changed; start-first, 1 at a time, gate: running 3s, drain 2s
      - volumes[/var/lib/postgresql/data]: "volume app_data" (forces new container)

  = volume data  # not in the stack file; kept — data is only deleted by \`stack destroy --volumes\`

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
  });

  it("never recreates a volume whose driver changed; it warns", () => {
    const nfs = desiredStack({
      services: { db: { image: "postgres:16", mounts: withData.services.db!.mounts } },
      volumes: { data: { driver: "nfs" } },
    });
    const p = plan(nfs, observedFromDesired(withData));
    expect(p.operations).toEqual([]);
    expect(human(p)).toBe(`No changes. The stack matches the engine.

Warning: volume data: driver local → nfs in the stack file, but volumes are never recreated by apply (that would delete the data); the existing volume is used as is
  to recreate it, back up the data and run \`stack destroy --volumes\`, then apply
`);
  });

  it("never creates an external volume; a missing one is a warning", () => {
    const external = desiredStack({
      services: {
        db: {
          image: "postgres:16",
          mounts: [{ type: "volume", source: "shared", target: "/shared", readOnly: true, noCopy: false }],
        },
      },
      volumes: { shared: { external: true, name: "shared" } },
    });
    const p = plan(external, empty);
    expect(ids(p).some((id) => id.includes("volume"))).toBe(false);
    expect(p.warnings.map((w) => w.message)).toEqual([
      "external volume shared does not exist; apply will fail to create the containers that mount it",
    ]);
  });
});

describe("images", () => {
  it("pulls a missing image once for every service that uses it, before their creates", () => {
    const two = desiredStack({ services: { a: { image: "busybox:1" }, b: { image: "busybox:1" } } });
    const p = plan(two, empty);
    expect(ids(p).filter((id) => id.startsWith("pull:"))).toEqual(["pull:busybox:1"]);
    expect(afterOf(p, "create:app-b-1")).toContain("pull:busybox:1");
  });

  it("pulls on every apply with pull_policy always", () => {
    const always = desiredStack({ services: { web: { pullPolicy: "always" } } });
    const p = plan(always, observedFromDesired(always));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ image nginx:1.27  # pull_policy always: pulled on every apply

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
  });

  it("never pulls with pull_policy never; a missing image is a warning", () => {
    const never = desiredStack({ services: { web: { pullPolicy: "never", image: "local/only:1" } } });
    const p = plan(never, empty);
    expect(ids(p)).toEqual(["create-network:app_default", "create:app-web-1", "start:app-web-1"]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      "image local/only:1 is not on the engine and pull_policy is never (service web); apply will fail to create the container",
    ]);
  });

  const build = {
    context: "/work/app/web",
    dockerfile: "Dockerfile",
    args: { VERSION: "1", NPM_TOKEN: "npm-secret-value" },
  };

  it("builds a missing image of a build: service, and not again when present", () => {
    const built = desiredStack({ services: { web: { image: "app-web", build } } });
    const p = plan(built, empty);
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + image app-web  # not on the engine; built from the build context
      + build.context: "/work/app/web"

  + network default  # not on the engine
      + driver: "bridge"

  + service web  # not on the engine
      + image: "app-web"

Plan: 3 to add, 0 to change, 0 to replace, 0 to remove.
`);
    expect(afterOf(p, "create:app-web-1")).toContain("build:app-web");
    expect(plan(built, observedFromDesired(built)).operations).toEqual([]);
  });

  it("rebuilds on every apply with pull_policy build", () => {
    const built = desiredStack({ services: { web: { image: "app-web", build, pullPolicy: "build" } } });
    const p = plan(built, observedFromDesired(built));
    expect(ids(p)).toEqual(["build:app-web"]);
    expect(p.changes.map((c) => c.cause)).toEqual(["pull_policy build: rebuilt on every apply"]);
  });
});

describe("warnings", () => {
  it("passes the loader's warnings through to the plan", () => {
    const desired = desiredStack({ services: { web: { privileged: true } } });
    const warning = {
      severity: "warning" as const,
      code: "privileged",
      message: "services.web runs privileged",
      file: "/work/app/stack.yaml",
      line: 4,
    };
    const p = plan(desired, observedFromDesired(desired), { warnings: [warning] });
    expect(p.warnings).toEqual([warning]);
    expect(human(p)).toBe(`No changes. The stack matches the engine.

Warning: services.web runs privileged (/work/app/stack.yaml:4)
`);
  });
});
