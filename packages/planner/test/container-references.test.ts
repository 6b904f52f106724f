import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { changeContainer, desiredStack, human, ids, observedFromDesired, runsAfter } from "./builders.js";

const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

// `app` sorts before `data`: only the references put `data` first.
const before = desiredStack({
  services: {
    data: { image: "data:1" },
    app: {
      image: "app:1",
      pid: "service:data",
      ipc: "service:data",
      volumesFrom: [
        { kind: "service", name: "data", readOnly: true },
        { kind: "container", name: "keeper", readOnly: false },
      ],
    },
  },
});

describe("pid, ipc service: and volumes_from", () => {
  it("name the target's first container and create after it", () => {
    const p = plan(before, empty);
    const create = p.operations.find((o) => o.id === "create:app-app-1");
    expect(
      create?.kind === "createContainer" && [
        create.spec.pidMode,
        create.spec.ipcMode,
        create.spec.volumesFrom,
      ],
    ).toEqual(["container:app-data-1", "container:app-data-1", ["app-data-1:ro", "keeper"]]);
    expect(runsAfter(p, "create:app-app-1", "start:app-data-1")).toBe(true);
  });

  it("read the engine's container:<id> back as the name", () => {
    const observed = observedFromDesired(before);
    const dataId = observed.containers.find((c) => c.name === "app-data-1")!.id;
    const live = changeContainer(observed, "app-app-1", (c) => ({
      ...c,
      config: { ...c.config, pidMode: `container:${dataId}`, ipcMode: `container:${dataId}` },
    }));
    expect(human(plan(before, live, { trustConfigHash: false }))).toBe(
      "No changes. The stack matches the engine.\n",
    );
  });

  it("compare the target by name", () => {
    const live = changeContainer(observedFromDesired(before), "app-app-1", (c) => ({
      ...c,
      config: { ...c.config, pidMode: "container:elsewhere", volumesFrom: ["app-data-1:ro", "keeper:rw"] },
    }));
    const text = human(plan(before, live, { trustConfigHash: false }));
    expect(text).toContain('~ pid: "container:elsewhere" → "container:app-data-1" (forces new container)');
    expect(text).not.toContain("volumes_from");
  });

  it("recreate the dependent when the target is recreated, after the target has its name", () => {
    const after = desiredStack({
      services: { data: { image: "data:2" }, app: before.services.app! },
    });
    const p = plan(after, observedFromDesired(before));
    expect(human(p)).toContain(
      "-/+ service app  # it shares the process namespace of app-data-1, which is recreated",
    );
    expect(ids(p).filter((id) => id.includes("app-app-1"))).toEqual([
      "stop:app-app-1",
      "remove:app-app-1",
      "create:app-app-1",
      "start:app-app-1",
    ]);
    expect(runsAfter(p, "create:app-app-1", "rename:app-data-1--stackform-new")).toBe(true);
  });

  it("recreate a volumes_from dependent alone too", () => {
    const only = desiredStack({
      services: {
        data: { image: "data:1" },
        app: { image: "app:1", volumesFrom: [{ kind: "service", name: "data", readOnly: false }] },
      },
    });
    const after = desiredStack({ services: { data: { image: "data:2" }, app: only.services.app! } });
    const p = plan(after, observedFromDesired(only));
    expect(human(p)).toContain("-/+ service app  # it shares the volumes of app-data-1, which is recreated");
    expect(runsAfter(p, "create:app-app-1", "rename:app-data-1--stackform-new")).toBe(true);
  });
});

describe("links and external_links", () => {
  const linked = desiredStack({
    services: {
      db: { image: "db:1" },
      app: {
        image: "app:1",
        networks: { default: { aliases: [] }, back: { aliases: [] } },
        links: [{ name: "db" }, { name: "db", alias: "database" }],
        externalLinks: [{ name: "outside", alias: "legacy" }],
      },
    },
    networks: { back: {} },
  });

  it("set container:alias on the endpoints, and create after the target", () => {
    const p = plan(linked, empty);
    const create = p.operations.find((o) => o.id === "create:app-app-1");
    expect(create?.kind === "createContainer" && create.spec.links).toEqual([
      "app-db-1:db",
      "app-db-1:database",
      "outside:legacy",
    ]);
    expect(runsAfter(p, "create:app-app-1", "start:app-db-1")).toBe(true);
  });

  it("recreate the linking service when the target is recreated", () => {
    const after = desiredStack({
      services: { db: { image: "db:2" }, app: linked.services.app! },
      networks: { back: {} },
    });
    const p = plan(after, observedFromDesired(linked));
    expect(human(p)).toContain("-/+ service app  # it links to app-db-1, which is recreated");
  });
});
