import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import {
  afterOf,
  changeContainer,
  desiredStack,
  human,
  ids,
  imageId,
  observedFromDesired,
  runsAfter,
  type ServiceInput,
  withoutContainer,
} from "./builders.js";

const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

const webDb = desiredStack({
  services: {
    web: { ports: [{ target: 80, published: 8080, protocol: "tcp" }], environment: { MODE: "prod" } },
    db: { image: "postgres:16", environment: { POSTGRES_PASSWORD: "hunter2" } },
  },
});

describe("a new stack", () => {
  it("creates images, the default network and every container, then starts them", () => {
    const p = plan(webDb, empty);
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + image nginx:1.27  # not on the engine; pulled

  + image postgres:16  # not on the engine; pulled

  + network default  # not on the engine
      + driver: "bridge"

  + service db  # not on the engine
      + image: "postgres:16"
      + environment.POSTGRES_PASSWORD: (sensitive)

  + service web  # not on the engine
      + image: "nginx:1.27"
      + environment.MODE: "prod"
      + ports: "8080:80/tcp"

Plan: 5 to add, 0 to change, 0 to replace, 0 to remove.
`);
    expect(afterOf(p, "create:app-web-1")).toEqual(["create-network:app_default", "pull:nginx:1.27"]);
    expect(afterOf(p, "start:app-web-1")).toEqual(["create:app-web-1"]);
  });
});

describe("no changes", () => {
  it("has zero operations when the engine matches the stack", () => {
    const p = plan(webDb, observedFromDesired(webDb));
    expect(p.operations).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(human(p)).toBe("No changes. The stack matches the engine.\n");
  });
});

describe("replace", () => {
  it("replaces a container whose image changed, in Compose's order", () => {
    const next = desiredStack({
      services: { ...servicesOf(webDb), web: { ...servicesOf(webDb).web, image: "nginx:1.28" } },
    });
    const p = plan(next, observedFromDesired(webDb));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + image nginx:1.28  # not on the engine; pulled

-/+ service web  # image nginx:1.27 → nginx:1.28 forces a new container; stop-first: host port 8080 can be bound by one container at a time
      ~ image: "nginx:1.27" → "nginx:1.28" (forces new container)

Plan: 1 to add, 0 to change, 1 to replace, 0 to remove.
`);
    // Stop-first (web binds host port 8080): the old container is set aside, not removed, until
    // the new one has passed its gate, so a rollback is a rename and a start.
    expect(ids(p).filter((id) => id.includes("app-web-1"))).toEqual([
      "create:app-web-1--stackform-new",
      "stop:app-web-1",
      "start:app-web-1--stackform-new",
      "gate:app-web-1--stackform-new",
      "rename:app-web-1",
      "rename:app-web-1--stackform-new",
      "remove:app-web-1--stackform-old",
    ]);
    expect(afterOf(p, "create:app-web-1--stackform-new")).toEqual(["pull:nginx:1.28"]);
    expect(afterOf(p, "stop:app-web-1")).toEqual(["create:app-web-1--stackform-new"]);
    expect(afterOf(p, "start:app-web-1--stackform-new")).toEqual(["stop:app-web-1"]);
    expect(afterOf(p, "gate:app-web-1--stackform-new")).toEqual(["start:app-web-1--stackform-new"]);
    expect(afterOf(p, "rename:app-web-1")).toEqual(["gate:app-web-1--stackform-new"]);
    expect(afterOf(p, "rename:app-web-1--stackform-new")).toEqual(["rename:app-web-1"]);
    expect(afterOf(p, "remove:app-web-1--stackform-old")).toEqual(["rename:app-web-1--stackform-new"]);
    const create = p.operations.find((o) => o.id === "create:app-web-1--stackform-new");
    expect(create?.kind === "createContainer" && create.spec.labels["dev.stackform.replaces"]).toBe(
      "id-app-web-1",
    );
  });

  it("shows the old command (the image's, when the file set none) and the new one", () => {
    const next = desiredStack({
      services: { ...servicesOf(webDb), web: { ...servicesOf(webDb).web, command: ["sleep", "5"] } },
    });
    expect(
      human(plan(next, observedFromDesired(webDb))),
    ).toContain(`-/+ service web  # command changed; stop-first: host port 8080 can be bound by one container at a time
      ~ command: ["nginx","-g","daemon off;"] → ["sleep","5"] (forces new container)
`);
  });

  it("names the environment variable that changed, masking a sensitive value", () => {
    const next = desiredStack({
      services: {
        ...servicesOf(webDb),
        web: { ...servicesOf(webDb).web, environment: { MODE: "dev", API_TOKEN: "hunter2" } },
      },
    });
    const text = human(plan(next, observedFromDesired(webDb)));
    expect(text).toContain("-/+ service web  # environment.API_TOKEN and environment.MODE changed");
    expect(text).toContain("+ environment.API_TOKEN: (sensitive) (forces new container)");
    expect(text).toContain('~ environment.MODE: "prod" → "dev" (forces new container)');
    expect(text).not.toContain("hunter2");
  });

  it("replaces when a label from the stack file changed, naming it", () => {
    const before = desiredStack({ services: { web: { labels: { tier: "front" } } } });
    const after = desiredStack({ services: { web: { labels: { tier: "edge" } } } });
    expect(
      human(plan(after, observedFromDesired(before))),
    ).toBe(`Stackform will perform the following actions on stack app:

-/+ service web  # labels.tier changed; start-first, 1 at a time, gate: running 3s, drain 2s
      ~ labels.tier: "front" → "edge" (forces new container)

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
  });

  it("replaces a container whose image tag now points to another image", () => {
    const observed = observedFromDesired(webDb);
    const retagged = {
      ...observed,
      images: observed.images.map((i) => (i.ref === "nginx:1.27" ? { ...i, id: imageId("nginx:newer") } : i)),
    };
    expect(human(plan(webDb, retagged))).toBe(`Stackform will perform the following actions on stack app:

-/+ service web  # image nginx:1.27 now points to sha256:b4a15a7025e1…, the container runs sha256:cd4495bb73de…; stop-first: host port 8080 can be bound by one container at a time
      ~ image (id): "sha256:cd4495bb73de…" → "sha256:b4a15a7025e1…" (forces new container)

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
  });

  it("replaces a container renamed by container_name", () => {
    const next = desiredStack({
      services: { ...servicesOf(webDb), web: { ...servicesOf(webDb).web, containerName: "frontdoor" } },
    });
    const p = plan(next, observedFromDesired(webDb));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

-/+ service web  # container name app-web-1 → frontdoor forces a new container; stop-first: host port 8080 can be bound by one container at a time
      ~ container_name: "app-web-1" → "frontdoor" (forces new container)

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
    expect(ids(p)).toContain("rename:frontdoor--stackform-new");
  });

  it("replaces a dead container", () => {
    const observed = changeContainer(observedFromDesired(webDb), "app-web-1", (c) => ({
      ...c,
      state: "dead",
    }));
    const p = plan(webDb, observed);
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

-/+ service web  # the container is dead and cannot be started

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
    expect(ids(p)).not.toContain("stop:app-web-1");
  });

  it("adopts a container without a config hash label whose configuration matches", () => {
    const observed = changeContainer(observedFromDesired(webDb), "app-web-1", ({ configHash: _, ...c }) => c);
    expect(human(plan(webDb, observed))).toBe("No changes. The stack matches the engine.\n");
  });

  it("replaces a container without a config hash label when a field differs, naming the field", () => {
    const observed = changeContainer(observedFromDesired(webDb), "app-web-1", ({ configHash: _, ...c }) => ({
      ...c,
      config: { ...c.config, command: ["nginx-debug"] },
    }));
    expect(human(plan(webDb, observed))).toBe(`Stackform will perform the following actions on stack app:

-/+ service web  # command changed; stop-first: host port 8080 can be bound by one container at a time
      ~ command: ["nginx-debug"] → ["nginx","-g","daemon off;"] (forces new container)

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
  });

  it("compares a container hashed by another Stackform version field by field, and keeps it when it matches", () => {
    const observed = changeContainer(observedFromDesired(webDb), "app-web-1", (c) => ({
      ...c,
      configHash: "v9:abc",
    }));
    const p = plan(webDb, observed);
    expect(p.operations).toEqual([]);
    expect(human(p)).toBe("No changes. The stack matches the engine.\n");
  });

  it("finds a difference the hash label hides when told not to trust it", () => {
    const observed = changeContainer(observedFromDesired(webDb), "app-web-1", (c) => ({
      ...c,
      config: { ...c.config, privileged: true },
    }));
    expect(plan(webDb, observed).operations).toEqual([]);
    expect(human(plan(webDb, observed, { trustConfigHash: false }))).toContain(
      "-/+ service web  # privileged changed; stop-first: host port 8080 can be bound by one container at a time\n      - privileged: true (forces new container)\n",
    );
  });

  it("carries an anonymous volume over to the new container", () => {
    const before = desiredStack({
      services: {
        db: {
          image: "postgres:15",
          mounts: [{ type: "volume", target: "/var/lib/postgresql/data", readOnly: false, noCopy: false }],
        },
      },
    });
    const after = desiredStack({ services: { db: { ...servicesOf(before).db, image: "postgres:16" } } });
    const p = plan(after, observedFromDesired(before));
    const create = p.operations.find((o) => o.id === "create:app-db-1--stackform-new");
    expect(create?.kind === "createContainer" && create.spec.mounts).toEqual([
      {
        type: "volume",
        source: "anon-app-db-1-var-lib-postgresql-data",
        target: "/var/lib/postgresql/data",
        readOnly: false,
        noCopy: false,
      },
    ]);
  });

  it("keeps the carried anonymous volume when the old container must go before the new one", () => {
    const db = desiredStack({
      services: {
        db: {
          image: "postgres:15",
          mounts: [{ type: "volume", target: "/var/lib/postgresql/data", readOnly: false, noCopy: false }],
        },
      },
    });
    const p = plan(
      db,
      changeContainer(observedFromDesired(db), "app-db-1", (c) => ({ ...c, state: "created" })),
    );
    const remove = p.operations.find((o) => o.id === "remove:app-db-1");
    expect(remove).toMatchObject({ kind: "removeContainer", keepVolumes: true });
    const create = p.operations.find((o) => o.id === "create:app-db-1");
    expect(create?.kind === "createContainer" && create.spec.mounts[0]).toMatchObject({
      source: "anon-app-db-1-var-lib-postgresql-data",
    });
  });

  it("keeps named volumes by name and does not carry them as anonymous ones", () => {
    const before = desiredStack({
      services: {
        db: {
          image: "postgres:15",
          mounts: [{ type: "volume", source: "data", target: "/data", readOnly: false, noCopy: false }],
        },
      },
      volumes: { data: {} },
    });
    const after = desiredStack({
      services: { db: { ...servicesOf(before).db, image: "postgres:16" } },
      volumes: { data: {} },
    });
    const p = plan(after, observedFromDesired(before));
    const create = p.operations.find((o) => o.id === "create:app-db-1--stackform-new");
    expect(create?.kind === "createContainer" && create.spec.mounts).toEqual([
      { type: "volume", source: "app_data", target: "/data", readOnly: false, noCopy: false },
    ]);
    expect(ids(p).some((id) => id.includes("volume"))).toBe(false);
  });

  it("stops a dependent before the service it depends on when both are replaced stop-first", () => {
    // Start-first, the service a dependent uses never goes away, so there is no order to keep.
    const stopFirst = { order: "stop-first" as const };
    const before = desiredStack({
      services: {
        web: {
          image: "web:1",
          dependsOn: { db: { condition: "service_started", restart: false, required: true } },
          updateConfig: stopFirst,
        },
        db: { image: "db:1", updateConfig: stopFirst },
      },
    });
    const after = desiredStack({
      services: {
        web: { ...servicesOf(before).web, image: "web:2" },
        db: { image: "db:2", updateConfig: stopFirst },
      },
    });
    const p = plan(after, observedFromDesired(before));
    expect(runsAfter(p, "stop:app-db-1", "stop:app-web-1")).toBe(true);
    expect(runsAfter(p, "start:app-web-1--stackform-new", "rename:app-db-1--stackform-new")).toBe(true);
  });

  it("recreates a service sharing the network namespace of a recreated one", () => {
    const before = desiredStack({
      services: {
        vpn: { image: "vpn:1" },
        app: { image: "app:1", networkMode: { kind: "service", service: "vpn" } },
      },
    });
    const after = desiredStack({ services: { vpn: { image: "vpn:2" }, app: servicesOf(before).app! } });
    const p = plan(after, observedFromDesired(before));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + image vpn:2  # not on the engine; pulled

-/+ service app  # it shares the network namespace of app-vpn-1, which is recreated

-/+ service vpn  # image vpn:1 → vpn:2 forces a new container; start-first, 1 at a time, gate: running 3s, drain 2s
      ~ image: "vpn:1" → "vpn:2" (forces new container)

Plan: 1 to add, 0 to change, 2 to replace, 0 to remove.
`);
    // The new app container can only join the new vpn container's namespace, which exists once
    // vpn's replace is done; and vpn stops after its dependents: so app is stopped, removed, then
    // created in the new namespace (never in the old one, which is about to go).
    expect(ids(p).filter((id) => id.includes("app-app-1"))).toEqual([
      "stop:app-app-1",
      "remove:app-app-1",
      "create:app-app-1",
      "start:app-app-1",
    ]);
    expect(runsAfter(p, "create:app-app-1", "rename:app-vpn-1--stackform-new")).toBe(true);
  });
});

describe("drift repaired in place", () => {
  const observed = observedFromDesired(webDb);

  it("starts a container stopped outside Stackform", () => {
    const p = plan(
      webDb,
      changeContainer(observed, "app-web-1", (c) => ({ ...c, state: "exited", exitCode: 137 })),
    );
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # stopped outside Stackform
      ~ state: "exited" → "running"

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    expect(ids(p)).toEqual(["start:app-web-1"]);
  });

  it("recreates a container that was created but never started (its runtime task may be stale)", () => {
    const p = plan(
      webDb,
      changeContainer(observed, "app-web-1", (c) => ({ ...c, state: "created" })),
    );
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

-/+ service web  # created but never started (an interrupted apply?)

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
    // Nothing to overlap with, and no rename: an engine restarted between create and start can
    // refuse to rename the container ("sandbox … not found").
    expect(ids(p).filter((id) => id.includes("app-web-1"))).toEqual([
      "remove:app-web-1",
      "create:app-web-1",
      "start:app-web-1",
    ]);
  });

  it("updates a restart policy changed with docker update, and nothing else", () => {
    const p = plan(
      webDb,
      changeContainer(observed, "app-db-1", (c) => ({
        ...c,
        restart: { name: "always", maximumRetryCount: 0 },
      })),
    );
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service db  # restart policy on the engine differs from the stack file
      ~ restart: "always" → "no"

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    expect(p.operations).toEqual([
      {
        id: "update:app-db-1",
        after: [],
        resource: "service db",
        kind: "updateContainer",
        container: "app-db-1",
        restart: { name: "no", maximumRetryCount: 0 },
      },
    ]);
  });

  it("updates only the memory limit when it drifted", () => {
    const limited = desiredStack({
      services: { web: { resources: { memoryLimit: 256 * 1024 * 1024, nanoCpus: 500_000_000 } } },
    });
    const p = plan(
      limited,
      changeContainer(observedFromDesired(limited), "app-web-1", (c) => ({
        ...c,
        resources: { ...c.resources, memoryLimit: 512 * 1024 * 1024 },
      })),
    );
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # deploy.resources.limits.memory on the engine differs from the stack file
      ~ deploy.resources.limits.memory: "512MiB" → "256MiB"

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    const update = p.operations[0];
    expect(update?.kind === "updateContainer" && update.resources).toEqual({
      memoryLimit: 256 * 1024 * 1024,
    });
    expect(update?.kind === "updateContainer" && update.restart).toBeUndefined();
  });

  it("updates cpus and pids limits, and removes a limit the file does not set", () => {
    const limited = desiredStack({ services: { web: { resources: { nanoCpus: 1_500_000_000 } } } });
    const p = plan(
      limited,
      changeContainer(observedFromDesired(limited), "app-web-1", (c) => ({
        ...c,
        resources: { nanoCpus: 250_000_000, pidsLimit: 100 },
      })),
    );
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # resource limits on the engine differ from the stack file
      ~ deploy.resources.limits.cpus: 0.25 → 1.5
      ~ deploy.resources.limits.pids: 100 → "unlimited"

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    const update = p.operations[0];
    expect(update?.kind === "updateContainer" && update.resources).toEqual({
      nanoCpus: 1_500_000_000,
      pidsLimit: 0,
    });
  });

  it("replaces a container whose memory or CPU limit the file no longer sets (docker update cannot lift it)", () => {
    const p = plan(
      webDb,
      changeContainer(observed, "app-web-1", (c) => ({ ...c, resources: { nanoCpus: 500_000_000 } })),
    );
    expect(human(p)).toContain(
      "-/+ service web  # removing the deploy.resources.limits.cpus limit needs a new container (docker update cannot remove it)",
    );
    expect(p.operations.some((o) => o.kind === "updateContainer")).toBe(false);
  });

  it("treats an engine that reports no pids limit as -1 like no limit", () => {
    const p = plan(
      webDb,
      changeContainer(observed, "app-web-1", (c) => ({ ...c, resources: { pidsLimit: -1, memoryLimit: 0 } })),
    );
    expect(p.operations).toEqual([]);
  });

  it("reconnects a network disconnected outside Stackform", () => {
    const p = plan(
      webDb,
      changeContainer(observed, "app-web-1", (c) => ({ ...c, networks: {} })),
    );
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # not connected to network default (disconnected outside Stackform, or added to the file)
      + networks.default: "connected"

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    expect(p.operations).toEqual([
      {
        id: "connect:app-web-1:app_default",
        after: [],
        resource: "service web",
        kind: "connectNetwork",
        container: "app-web-1",
        network: "app_default",
        aliases: ["web"],
      },
    ]);
  });

  it("disconnects and reconnects when aliases changed", () => {
    const aliased = desiredStack({ services: { web: { networks: { default: { aliases: ["www"] } } } } });
    const p = plan(aliased, observedFromDesired(desiredStack({ services: { web: {} } })));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # aliases on network default differ
      ~ networks.default.aliases: ["web"] → ["web","www"]

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    expect(ids(p)).toEqual(["disconnect:app-web-1:app_default", "connect:app-web-1:app_default"]);
    expect(afterOf(p, "connect:app-web-1:app_default")).toEqual(["disconnect:app-web-1:app_default"]);
  });

  it("connects a network added to the file without recreating the container", () => {
    const before = desiredStack({
      services: { web: { networks: { front: { aliases: [] } } } },
      networks: { front: {}, back: {} },
    });
    const after = desiredStack({
      services: { web: { networks: { front: { aliases: [] }, back: { aliases: [] } } } },
      networks: { front: {}, back: {} },
    });
    const p = plan(after, observedFromDesired(before));
    expect(ids(p)).toEqual(["connect:app-web-1:app_back"]);
  });

  it("disconnects a stack network the service no longer joins", () => {
    const before = desiredStack({
      services: { web: { networks: { front: { aliases: [] }, back: { aliases: [] } } } },
      networks: { front: {}, back: {} },
    });
    const after = desiredStack({
      services: { web: { networks: { front: { aliases: [] } } } },
      networks: { front: {}, back: {} },
    });
    const p = plan(after, observedFromDesired(before));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # connected to network back, which it should not join
      - networks.back: "connected"

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
  });

  it("creates a container removed outside Stackform", () => {
    const p = plan(webDb, withoutContainer(observed, "app-web-1"));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + service web  # not on the engine
      + image: "nginx:1.27"
      + environment.MODE: "prod"
      + ports: "8080:80/tcp"

Plan: 1 to add, 0 to change, 0 to replace, 0 to remove.
`);
    expect(ids(p)).toEqual(["create:app-web-1", "start:app-web-1"]);
  });

  it("leaves a paused container paused, with a warning", () => {
    const p = plan(
      webDb,
      changeContainer(observed, "app-web-1", (c) => ({ ...c, state: "paused" })),
    );
    expect(p.operations).toEqual([]);
    expect(p.warnings.map((w) => w.code)).toEqual(["container-paused"]);
  });
});

describe("replicas and orphans", () => {
  it("scales up by creating the missing numbers", () => {
    const one = desiredStack({ services: { web: {} } });
    const three = desiredStack({ services: { web: { replicas: 3 } } });
    const p = plan(three, observedFromDesired(one));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # scaled from 1 to 3
      ~ replicas: 1 → 3
      + container app-web-2
      + container app-web-3

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
  });

  it("scales down by removing the highest numbers", () => {
    const three = desiredStack({ services: { web: { replicas: 3 } } });
    const one = desiredStack({ services: { web: {} } });
    const p = plan(one, observedFromDesired(three));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # scaled from 3 to 1
      ~ replicas: 3 → 1
      - container app-web-2
      - container app-web-3

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    // Drained first: off the network (the engine's DNS stops returning it), then the drain period.
    expect(ids(p)).toEqual([
      "disconnect:app-web-2:app_default",
      "disconnect:app-web-3:app_default",
      "drain:app-web-2",
      "drain:app-web-3",
      "stop:app-web-2",
      "remove:app-web-2",
      "stop:app-web-3",
      "remove:app-web-3",
    ]);
  });

  it("removes the containers of a service dropped from the file", () => {
    const p = plan(desiredStack({ services: { web: servicesOf(webDb).web! } }), observedFromDesired(webDb));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  - service db  # not in the stack file

Plan: 0 to add, 0 to change, 0 to replace, 1 to remove.
`);
  });

  it("removes a stopped orphan without stopping it", () => {
    const observed = changeContainer(observedFromDesired(webDb), "app-db-1", (c) => ({
      ...c,
      state: "exited",
      exitCode: 0,
    }));
    const p = plan(desiredStack({ services: { web: servicesOf(webDb).web! } }), observed);
    expect(ids(p)).toEqual(["remove:app-db-1"]);
  });
});

/** The stack's services as builder input, to derive a changed stack from an earlier one. */
function servicesOf(stack: ReturnType<typeof desiredStack>): Record<string, ServiceInput> {
  return Object.fromEntries(Object.entries(stack.services).map(([key, { name: _, ...rest }]) => [key, rest]));
}

describe("values the engine adds on its own", () => {
  it("plans clean after apply with a hostname on a user network (the engine aliases it)", () => {
    const stack = desiredStack({ services: { api: { hostname: "api-host" } } });
    expect(plan(stack, observedFromDesired(stack), { trustConfigHash: false }).changes).toEqual([]);
  });

  it("ignores the image's env, command, labels, exposed ports and stop signal", () => {
    const stack = desiredStack({ services: { web: {} } });
    const p = plan(stack, observedFromDesired(stack), { trustConfigHash: false });
    expect(human(p)).toBe("No changes. The stack matches the engine.\n");
  });

  it("reports a variable removed from the file with its old value, and a renamed one as removed + added", () => {
    const before = desiredStack({ services: { web: { environment: { EXTRA: "1", KEEP: "x" } } } });
    const after = desiredStack({ services: { web: { environment: { EXTRA2: "1", KEEP: "x" } } } });
    expect(
      human(plan(after, observedFromDesired(before))),
    ).toContain(`-/+ service web  # environment.EXTRA and environment.EXTRA2 changed; start-first, 1 at a time, gate: running 3s, drain 2s
      - environment.EXTRA: "1" (forces new container)
      + environment.EXTRA2: "1" (forces new container)
`);
  });
});
