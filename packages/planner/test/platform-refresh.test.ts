import type { ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import type { PullImage } from "../src/model/operation.js";
import { plan } from "../src/plan.js";
import { desiredStack, human, ids, observedFromDesired, runsAfter } from "./builders.js";

const HOUR_NS = 3600e9;
const now = Date.parse("2026-11-30T12:00:00Z");

/** `observed` with the image last pulled or tagged at `time` (absent: the engine recorded none). */
const pulledAt = (observed: ObservedState, time: string | undefined): ObservedState => ({
  ...observed,
  images: observed.images.map(({ lastTagTime: _, ...image }) =>
    time ? { ...image, lastTagTime: time } : image,
  ),
});

describe("time-based pull policies", () => {
  const hourly = desiredStack({ services: { web: { pullPolicy: "refresh", pullInterval: HOUR_NS } } });

  it("keeps a local image pulled within the interval", () => {
    const observed = pulledAt(observedFromDesired(hourly), "2026-11-30T11:30:00Z");
    expect(plan(hourly, observed, { now }).operations).toEqual([]);
  });

  it("pulls again once the interval has passed, and says when the last pull was", () => {
    const observed = pulledAt(observedFromDesired(hourly), "2026-11-30T09:00:00Z");
    const p = plan(hourly, observed, { now });
    expect(human(p)).toBe(`Stackform will perform the following actions on stack app:

  ~ image nginx:1.27  # pull_policy every 1h: last pulled or tagged 3h ago; pulled again

Plan: 0 to add, 1 to change, 0 to replace, 0 to remove.
`);
    expect(p.operations).toEqual([expect.objectContaining({ kind: "pullImage", policy: "refresh" })]);
  });

  it("pulls an image the engine has no pull time for, and a missing one", () => {
    const p = plan(hourly, pulledAt(observedFromDesired(hourly), undefined), { now });
    expect(p.changes.map((c) => c.cause)).toEqual([
      "pull_policy every 1h: the engine has no pull time for it; pulled",
    ]);
    expect(ids(plan(hourly, { ...observedFromDesired(hourly), images: [] }, { now }))).toContain(
      "pull:nginx:1.27",
    );
  });

  it("does not pull again an image the apply has just pulled or built (its second plan)", () => {
    const always = desiredStack({ services: { web: { pullPolicy: "always" } } });
    const stale = pulledAt(observedFromDesired(hourly), "2026-11-30T09:00:00Z");
    expect(ids(plan(always, observedFromDesired(always), {}))).toEqual(["pull:nginx:1.27"]);
    expect(plan(always, observedFromDesired(always), { freshImages: ["nginx:1.27"] }).operations).toEqual([]);
    expect(plan(hourly, stale, { now, freshImages: ["nginx:1.27"] }).operations).toEqual([]);
    // Only an image the engine has: a missing one is pulled whatever the list says.
    const missing = { ...observedFromDesired(always), images: [] };
    expect(ids(plan(always, missing, { freshImages: ["nginx:1.27"] }))).toContain("pull:nginx:1.27");
  });

  it("names daily and weekly as the file does, and takes the shortest interval of the services sharing an image", () => {
    const shared = desiredStack({
      services: {
        a: { pullPolicy: "refresh", pullInterval: 7 * 24 * HOUR_NS },
        b: { pullPolicy: "refresh", pullInterval: 24 * HOUR_NS },
      },
    });
    const twoDays = pulledAt(observedFromDesired(shared), "2026-11-28T12:00:00Z");
    expect(plan(shared, twoDays, { now }).changes.map((c) => c.cause)).toEqual([
      "pull_policy daily: last pulled or tagged 2d ago; pulled again",
    ]);
  });

  it("gives way to always, and is stronger than missing", () => {
    const mixed = desiredStack({
      services: { a: { pullPolicy: "missing" }, b: { pullPolicy: "refresh", pullInterval: HOUR_NS } },
    });
    const stale = pulledAt(observedFromDesired(mixed), "2026-11-30T10:00:00Z");
    expect(ids(plan(mixed, stale, { now }))).toEqual(["pull:nginx:1.27"]);
    const always = desiredStack({
      services: { a: { pullPolicy: "always" }, b: { pullPolicy: "refresh", pullInterval: HOUR_NS } },
    });
    const fresh = pulledAt(observedFromDesired(always), "2026-11-30T11:59:00Z");
    expect(plan(always, fresh, { now }).changes.map((c) => c.cause)).toEqual([
      "pull_policy always: pulled on every apply",
    ]);
  });
});

describe("platform", () => {
  const arm = desiredStack({ services: { web: { platform: "linux/arm64" } } });

  it("plans nothing when the container and the local image are for the platform", () => {
    const observed = observedFromDesired(arm);
    expect(plan(arm, observed, { trustConfigHash: false }).operations).toEqual([]);
  });

  it("plans nothing when the file names the platform the container already runs", () => {
    const plain = desiredStack({ services: { web: {} } });
    const amd = desiredStack({ services: { web: { platform: "linux/amd64" } } });
    expect(plan(amd, observedFromDesired(plain), { trustConfigHash: false }).operations).toEqual([]);
  });

  it("pulls for the platform when the local image is for another, and replaces the container", () => {
    const amd = desiredStack({ services: { web: { platform: "linux/amd64" } } });
    const p = plan(arm, observedFromDesired(amd));
    const text = human(p);
    expect(text).toContain(
      "~ image nginx:1.27  # on the engine for linux/amd64 only; pulled for linux/arm64 (service web)",
    );
    expect(text).toContain('~ platform: "linux/amd64" → "linux/arm64" (forces new container)');
    const pull = p.operations.find((op): op is PullImage => op.kind === "pullImage");
    expect(pull).toMatchObject({ platform: "linux/arm64", services: ["web"] });
    // Everything waits for the pull: when it fails, the running container has not been touched.
    const others = ids(p).filter((id) => id !== "pull:nginx:1.27");
    expect(others.length).toBeGreaterThan(0);
    for (const id of others) expect(runsAfter(p, id, "pull:nginx:1.27")).toBe(true);
  });

  it("matches a variant only when the file names one", () => {
    const v8 = desiredStack({ services: { web: { platform: "linux/arm64/v8" } } });
    const observed = observedFromDesired(arm);
    const withVariant = {
      ...observed,
      images: observed.images.map((i) => ({ ...i, platform: "linux/arm64/v8" })),
      containers: observed.containers.map((c) => ({
        ...c,
        config: { ...c.config, image: { ...c.config.image, platform: "linux/arm64/v8" } },
      })),
    };
    expect(plan(arm, withVariant, { trustConfigHash: false }).operations).toEqual([]);
    expect(plan(v8, withVariant, { trustConfigHash: false }).operations).toEqual([]);
    expect(ids(plan(v8, observed, { trustConfigHash: false }))).toContain("pull:nginx:1.27");
  });

  it("warns when pull_policy never leaves only another platform's image", () => {
    const never = desiredStack({ services: { web: { platform: "linux/arm64", pullPolicy: "never" } } });
    const p = plan(never, observedFromDesired(desiredStack({ services: { web: {} } })));
    expect(p.warnings.map((w) => w.message)).toEqual([
      "image nginx:1.27 is on the engine for linux/amd64 only, service web wants linux/arm64, and pull_policy is never; apply will fail to create the container",
    ]);
  });

  it("warns when services sharing an image ask for different platforms", () => {
    const mixed = desiredStack({
      services: { a: { platform: "linux/arm64" }, b: { platform: "linux/amd64" } },
    });
    const p = plan(mixed, observedFromDesired(desiredStack({ services: { a: {}, b: {} } })));
    expect(p.warnings.map((w) => w.code)).toEqual(["image-platform-conflict"]);
  });

  it("lists the platform of a container to create", () => {
    expect(
      human(plan(arm, { stack: "app", containers: [], networks: [], volumes: [], images: [] })),
    ).toContain('+ platform: "linux/arm64"');
  });
});
