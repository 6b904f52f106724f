import type { ObservedContainer, ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { planDestroy, stackVolumes } from "../src/plan-destroy.js";
import { changeContainer, desiredStack, human, observedFromDesired } from "./builders.js";

const stack = desiredStack({
  services: {
    web: { replicas: 2 },
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

/** Engine-generated names: 64 hex digits. */
const anon = (digit: string) => digit.repeat(64);

/** Adds mounts as the engine reports them (a carried-over anonymous volume looks like any other). */
function withMounts(
  observed: ObservedState,
  name: string,
  mounts: ObservedContainer["mounts"],
): ObservedState {
  return changeContainer(observed, name, (c) => ({ ...c, mounts: [...c.mounts, ...mounts] }));
}

const removedVolumes = (observed: ObservedState, externalVolumes?: string[]) =>
  planDestroy(observed, { volumes: true, externalVolumes })
    .operations.flatMap((o) => (o.kind === "removeVolume" ? [o.volume] : []))
    .sort();

describe("planDestroy", () => {
  it("stops every container at once, removes each after its stop, then the networks; keeps volumes", () => {
    const observed = changeContainer(observedFromDesired(stack), "app-web-2", (c) => ({
      ...c,
      state: "exited",
      exitCode: 0,
    }));
    const p = planDestroy(observed, { volumes: false });
    expect(p.changes.map((c) => [c.resource, c.action])).toEqual([
      ["network default", "remove"],
      ["service db", "remove"],
      ["service web", "remove"],
      ["volume data", "keep"],
    ]);
    expect(p.changes.find((c) => c.resource === "service web")?.members?.map((m) => m.name)).toEqual([
      "app-web-1",
      "app-web-2",
    ]);
    expect(human(p)).toContain(
      "  = volume data  # kept; data is only deleted by `stack destroy --volumes`\n",
    );
    const stops = p.operations.filter((o) => o.kind === "stopContainer");
    expect(stops.map((o) => [o.id, o.after])).toEqual([
      ["stop:app-db-1", []],
      ["stop:app-web-1", []],
    ]);
    expect(p.operations.find((o) => o.id === "remove-network:app_default")?.after).toEqual([
      "remove:app-db-1",
      "remove:app-web-1",
      "remove:app-web-2",
    ]);
    expect(p.operations.some((o) => o.kind === "removeVolume")).toBe(false);
  });

  it("removes containers keeping their volumes: the plan alone decides which volumes go", () => {
    for (const volumes of [false, true]) {
      const removals = planDestroy(observedFromDesired(stack), { volumes }).operations.filter(
        (o) => o.kind === "removeContainer",
      );
      expect(removals.length).toBe(3);
      for (const op of removals) expect(op).toMatchObject({ keepVolumes: true });
    }
  });

  it("with volumes, removes them after every container and says the data will be deleted", () => {
    const p = planDestroy(observedFromDesired(stack), { volumes: true });
    expect(human(p)).toContain("  - volume data  # data in volume app_data will be deleted\n");
    expect(p.operations.find((o) => o.id === "remove-volume:app_data")?.after).toEqual([
      "remove:app-db-1",
      "remove:app-web-1",
      "remove:app-web-2",
    ]);
  });

  it("removes the anonymous volumes the stack's containers mount, carried over or from an image, after every container", () => {
    let observed = withMounts(observedFromDesired(stack), "app-web-1", [
      { type: "volume", source: anon("a"), target: "/cache" },
    ]);
    observed = withMounts(observed, "app-web-2", [
      { type: "volume", source: anon("b"), target: "/cache" },
      { type: "bind", source: "/srv/static", target: "/static" },
      { type: "tmpfs", source: "", target: "/tmp" },
    ]);
    const p = planDestroy(observed, { volumes: true });
    expect(removedVolumes(observed)).toEqual([anon("a"), "app_data", anon("b")]);
    expect(p.operations.find((o) => o.id === `remove-volume:${anon("a")}`)?.after).toEqual([
      "remove:app-db-1",
      "remove:app-web-1",
      "remove:app-web-2",
    ]);
    expect(human(p)).toContain(
      `  - volume ${anon("a")}  # anonymous, mounted at web:/cache; data in volume ${anon("a")} will be deleted\n`,
    );
  });

  it("keeps anonymous volumes without --volumes, saying so", () => {
    const observed = withMounts(observedFromDesired(stack), "app-db-1", [
      { type: "volume", source: anon("c"), target: "/x" },
    ]);
    const p = planDestroy(observed, { volumes: false });
    expect(p.operations.some((o) => o.kind === "removeVolume")).toBe(false);
    expect(human(p)).toContain(
      `  = volume ${anon("c")}  # anonymous, mounted at db:/x; kept; data is only deleted by \`stack destroy --volumes\`\n`,
    );
  });

  it("never removes a volume that is external, another stack's, labelled by someone, or named by a person", () => {
    const base = observedFromDesired(stack);
    const observed: ObservedState = {
      ...withMounts(base, "app-web-1", [
        { type: "volume", source: anon("d"), target: "/external" },
        { type: "volume", source: anon("e"), target: "/other-stack" },
        { type: "volume", source: anon("f"), target: "/compose" },
        { type: "volume", source: "shared", target: "/shared" },
        { type: "volume", source: "other_data", target: "/other" },
      ]),
    };
    observed.volumes = [
      ...observed.volumes,
      { name: anon("e"), stack: "other", driver: "local", labels: { "dev.stackform.stack": "other" } },
      { name: anon("f"), driver: "local", labels: { "com.docker.compose.project": "x" } },
    ];
    expect(removedVolumes(observed, [anon("d")])).toEqual(["app_data"]);
  });

  it("lists each volume once, named ones by key, with every place it is mounted", () => {
    let observed = withMounts(observedFromDesired(stack), "app-web-1", [
      { type: "volume", source: anon("1"), target: "/c" },
      { type: "volume", source: "app_data", target: "/d" },
    ]);
    observed = withMounts(observed, "app-web-2", [{ type: "volume", source: anon("1"), target: "/c" }]);
    expect(stackVolumes(observed)).toEqual([
      {
        name: "app_data",
        key: "data",
        anonymous: false,
        mountedAt: ["db:/var/lib/postgresql/data", "web:/d"],
      },
      { name: anon("1"), anonymous: true, mountedAt: ["web:/c"] },
    ]);
  });

  it("removes temporaries left by an interrupted replace too", () => {
    const observed = observedFromDesired(stack);
    const temporary = {
      ...observed.containers[0]!,
      id: "id-temp",
      name: "app-db-1--stackform-new",
      state: "created" as const,
    };
    const p = planDestroy(
      { ...observed, containers: [...observed.containers, temporary] },
      { volumes: false },
    );
    expect(p.operations.map((o) => o.id)).toContain("remove:app-db-1--stackform-new");
  });

  it("has nothing to do for a stack that is not there", () => {
    const p = planDestroy({ stack: "app", containers: [], networks: [], volumes: [] }, { volumes: true });
    expect(p.operations).toEqual([]);
    expect(human(p)).toBe("No changes. The stack matches the engine.\n");
  });
});
