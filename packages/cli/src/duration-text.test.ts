import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { durationText } from "./duration-text.js";
import { durationFlag } from "./durations.js";

describe("durationText", () => {
  test.each([
    [0, "0s"],
    [500, "500ms"],
    [1500, "1500ms"],
    [30_000, "30s"],
    [90_000, "90s"],
    [120_000, "2m"],
    [7_200_000, "2h"],
  ])("%d ms reads %s", (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });

  test("a flag parses it back to the same milliseconds", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 * 86_400_000 }), (ms) => {
        expect(durationFlag("--wait-timeout", durationText(ms))).toBe(ms);
      }),
    );
  });
});
