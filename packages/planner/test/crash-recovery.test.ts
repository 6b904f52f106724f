import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { afterOf, desiredStack, human, ids, observedFromDesired } from "./builders.js";

const v1 = desiredStack({ services: { web: { image: "web:1" } } });
const v2 = desiredStack({ services: { web: { image: "web:2" } } });

/** The engine after an apply of `to` over `from` was killed after creating the temporary container. */
function interrupted(from: typeof v1, to: typeof v1, originalGone: boolean): ObservedState {
  const before = observedFromDesired(from);
  const after = observedFromDesired(to);
  const temporary = {
    ...after.containers[0]!,
    id: "id-temp",
    name: "app-web-1--stackform-new",
    state: "created" as const,
    replaces: "id-app-web-1",
  };
  return {
    ...after,
    containers: [...(originalGone ? [] : before.containers), temporary],
    images: [...before.images, ...after.images],
  };
}

describe("temporary containers left by an interrupted replace", () => {
  it("removes the temporary and replaces afresh while the original still exists", () => {
    const p = plan(v2, interrupted(v1, v2, false));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

-/+ service web  # image web:1 → web:2 forces a new container; removes app-web-1--stackform-new, left by an interrupted apply; start-first, 1 at a time, gate: running 3s, drain 2s
      ~ image: "web:1" → "web:2" (forces new container)
      -/+ container app-web-1
      - container app-web-1--stackform-new

Plan: 0 to add, 0 to change, 1 to replace, 0 to remove.
`);
    expect(afterOf(p, "create:app-web-1--stackform-new")).toEqual(["remove:app-web-1--stackform-new"]);
  });

  it("renames and starts the temporary when the original is gone and it is up to date", () => {
    const p = plan(v2, interrupted(v1, v2, true));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ service web  # finishes a replace an earlier apply left unfinished: app-web-1--stackform-new is renamed to app-web-1 and started

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    expect(ids(p)).toEqual(["rename:app-web-1--stackform-new", "start:app-web-1"]);
  });

  it("removes an outdated temporary and creates the container anew when the original is gone", () => {
    const v3 = desiredStack({ services: { web: { image: "web:3" } } });
    const p = plan(v3, interrupted(v1, v2, true));
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  + image web:3  # not on the engine; pulled

  + service web  # not on the engine; removes app-web-1--stackform-new, left by an interrupted apply
      + image: "web:3"
      + container app-web-1
      - container app-web-1--stackform-new

Plan: 2 to add, 0 to change, 0 to replace, 0 to remove.
`);
    expect(afterOf(p, "create:app-web-1")).toEqual(["pull:web:3", "remove:app-web-1--stackform-new"]);
  });

  it("removes a temporary of a service no longer in the file", () => {
    const other = desiredStack({ services: { api: { image: "api:1" } } });
    const observed = interrupted(v1, v2, true);
    const p = plan(other, {
      ...observedFromDesired(other),
      containers: [...observedFromDesired(other).containers, ...observed.containers],
    });
    expect(ids(p)).toEqual(["remove:app-web-1--stackform-new"]);
  });
});
