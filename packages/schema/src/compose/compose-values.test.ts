import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseByteSize } from "../parse/byte-size.js";
import { parseCpus } from "../parse/cpus.js";
import { parseDurationValue } from "../parse/duration.js";
import { interpolate } from "../parse/interpolate.js";
import { parsed } from "../parse/parsed.js";
import { parseFileMode } from "../parse/tmpfs-spec.js";
import {
  escapeInterpolation,
  formatByteSize,
  formatCpus,
  formatDuration,
  formatFileMode,
} from "./compose-values.js";

describe("Compose spellings", () => {
  test("read as people write them", () => {
    expect([30e9, 90e9, 1.5e9, 3600e9 + 1, 0].map(formatDuration)).toEqual([
      "30s",
      "1m30s",
      "1s500ms",
      "1h1ns",
      "0s",
    ]);
    expect([256 * 1024 ** 2, 1024 ** 3, 1536, 1000, 0].map(formatByteSize)).toEqual([
      "256m",
      "1g",
      1536,
      1000,
      0,
    ]);
    expect([5e8, 2e9, 1, 1_234_567_891].map(formatCpus)).toEqual([0.5, 2, "0.000000001", 1.234567891]);
    expect([0o1777, 0o755, 0].map(formatFileMode)).toEqual(["01777", "0755", "00"]);
  });

  test("parse back to the same value", () => {
    const roundTrip = <T>(values: fc.Arbitrary<T>, check: (value: T) => void) =>
      fc.assert(
        fc.property(values, (value) => {
          check(value);
        }),
      );
    roundTrip(fc.maxSafeNat(), (ns) => expect(parseDurationValue(formatDuration(ns))).toEqual(parsed(ns)));
    roundTrip(fc.maxSafeNat(), (bytes) =>
      expect(parseByteSize(formatByteSize(bytes))).toEqual(parsed(bytes)),
    );
    roundTrip(fc.integer({ min: 1, max: 2 ** 40 }), (nano) =>
      expect(parseCpus(formatCpus(nano))).toEqual(parsed(nano)),
    );
    roundTrip(fc.integer({ min: 0, max: 0o7777 }), (mode) =>
      expect(parseFileMode(formatFileMode(mode))).toEqual(parsed(mode)),
    );
    roundTrip(fc.string({ unit: "grapheme" }), (text) =>
      expect(interpolate(escapeInterpolation(text), () => undefined).value).toBe(text),
    );
  });
});
