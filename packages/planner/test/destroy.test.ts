import { describe, expect, it } from "vitest";
import { planDestroy } from "../src/plan-destroy.js";
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

describe("planDestroy", () => {
  it("stops every container at once, removes each after its stop, then the networks; keeps volumes", () => {
    const observed = changeContainer(observedFromDesired(stack), "app-web-2", (c) => ({
      ...c,
      state: "exited",
      exitCode: 0,
    }));
    const p = planDestroy(observed, { volumes: false });
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  - container app-web-1  # stack app is destroyed

  - container app-web-2  # stack app is destroyed

  - network default  # stack app is destroyed

  - service db  # stack app is destroyed

  = volume data  # kept; data is only deleted by \`stack destroy --volumes\`

Plan: 0 to add, 0 to change, 0 to replace, 4 to remove.
`);
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

  it("with volumes, removes them after every container and says the data will be deleted", () => {
    const p = planDestroy(observedFromDesired(stack), { volumes: true });
    expect(human(p)).toContain("  - volume data  # data in volume app_data will be deleted\n");
    expect(p.operations.find((o) => o.id === "remove-volume:app_data")?.after).toEqual([
      "remove:app-db-1",
      "remove:app-web-1",
      "remove:app-web-2",
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
    const p = planDestroy(
      { stack: "app", containers: [], networks: [], volumes: [], images: [] },
      { volumes: true },
    );
    expect(p.operations).toEqual([]);
    expect(human(p)).toBe("No changes. The stack matches the engine.\n");
  });
});
