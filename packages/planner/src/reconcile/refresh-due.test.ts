import { describe, expect, it } from "vitest";
import { ageText, refreshDue } from "./refresh-due.js";

const HOUR_NS = 3600e9;
const now = Date.parse("2026-11-30T12:00:00Z");

describe("refreshDue", () => {
  it("keeps an image pulled less than the interval ago", () => {
    expect(refreshDue("2026-11-30T11:00:01Z", HOUR_NS, now)).toBe(false);
    expect(refreshDue("2026-11-29T12:00:01Z", 24 * HOUR_NS, now)).toBe(false);
  });

  it("pulls an image pulled the interval or longer ago", () => {
    expect(refreshDue("2026-11-30T11:00:00Z", HOUR_NS, now)).toBe(true);
    expect(refreshDue("2026-11-23T11:59:59Z", 7 * 24 * HOUR_NS, now)).toBe(true);
  });

  it("pulls an image with no recorded time, as the engine reports a zero time", () => {
    expect(refreshDue(undefined, HOUR_NS, now)).toBe(true);
    expect(refreshDue("not a time", HOUR_NS, now)).toBe(true);
  });

  it("keeps an image tagged in the future (a clock skew) until the interval after it", () => {
    expect(refreshDue("2026-11-30T13:00:00Z", HOUR_NS, now)).toBe(false);
  });

  it("takes sub-second intervals and times exactly", () => {
    expect(refreshDue("2026-11-30T11:59:59.500Z", 1e9, now)).toBe(false);
    expect(refreshDue("2026-11-30T11:59:59.000Z", 1e9, now)).toBe(true);
  });
});

describe("ageText", () => {
  it("says how long ago, in the largest sensible unit", () => {
    expect(ageText("2026-11-30T11:59:30Z", now)).toBe("30s ago");
    expect(ageText("2026-11-30T11:30:00Z", now)).toBe("30m ago");
    expect(ageText("2026-11-30T09:00:00Z", now)).toBe("3h ago");
    expect(ageText("2026-11-27T12:00:00Z", now)).toBe("3d ago");
  });
});
