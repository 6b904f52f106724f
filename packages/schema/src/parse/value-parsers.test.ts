import { describe, expect, test } from "vitest";
import { parseByteSize } from "./byte-size.js";
import { parseCpus } from "./cpus.js";
import { parseDuration, parseDurationValue } from "./duration.js";
import { parseRestartPolicy } from "./restart-policy.js";
import { parseFileMode, parseTmpfsShort } from "./tmpfs-spec.js";
import { parseVolumeShort } from "./volume-spec.js";

describe("durations → nanoseconds", () => {
  test.each([
    ["1m30s", 90e9],
    ["10s", 10e9],
    ["500ms", 5e8],
    ["1h", 3600e9],
    ["1.5h", 5400e9],
    ["2us", 2000],
    ["0", 0],
  ])("%s", (text, ns) => expect(parseDuration(text)).toBe(ns));

  test.each(["10", "10 seconds", "s", "", "-1s", "1d"])("%s is not a duration", (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  test("a bare number says to add a unit", () => {
    expect(parseDurationValue(30)).toMatchObject({ ok: false, hint: 'add a unit, like "30s"' });
  });
});

describe("byte sizes → bytes", () => {
  test.each([
    ["512m", 512 * 1024 ** 2],
    ["1g", 1024 ** 3],
    ["1024k", 1024 ** 2],
    ["100", 100],
    ["2GB", 2 * 1024 ** 3],
    ["1.5g", 1.5 * 1024 ** 3],
    ["64MiB", 64 * 1024 ** 2],
    [4096, 4096],
  ])("%s", (input, bytes) => expect(parseByteSize(input)).toEqual({ ok: true, value: bytes }));

  test.each(["512 megabytes", "lots", "-1", 1.5, true])("%s is not a size", (input) => {
    expect(parseByteSize(input).ok).toBe(false);
  });
});

describe("cpus → nano-CPUs", () => {
  test.each([
    ["0.5", 5e8],
    [1.5, 1.5e9],
    ["2", 2e9],
  ])("%s", (input, nano) => expect(parseCpus(input)).toEqual({ ok: true, value: nano }));

  test.each(["half", "0", -1, ""])("%s is refused", (input) => expect(parseCpus(input).ok).toBe(false));
});

describe("restart policies", () => {
  test.each([
    ["no", { name: "no", maximumRetryCount: 0 }],
    ["always", { name: "always", maximumRetryCount: 0 }],
    ["unless-stopped", { name: "unless-stopped", maximumRetryCount: 0 }],
    ["on-failure", { name: "on-failure", maximumRetryCount: 0 }],
    ["on-failure:3", { name: "on-failure", maximumRetryCount: 3 }],
  ])("%s", (text, policy) => expect(parseRestartPolicy(text)).toEqual({ ok: true, value: policy }));

  test.each(["sometimes", "on-failure:x", "always:2"])("%s is refused", (text) => {
    expect(parseRestartPolicy(text).ok).toBe(false);
  });
});

describe("short volumes and tmpfs", () => {
  test.each([
    ["data:/x:ro", { kind: "volume", source: "data", target: "/x", readOnly: true, noCopy: false }],
    ["./dir:/y", { kind: "bind", source: "./dir", target: "/y", readOnly: false, noCopy: false }],
    ["/abs:/z:rw", { kind: "bind", source: "/abs", target: "/z", readOnly: false, noCopy: false }],
    [
      "~/cfg:/cfg:ro,z",
      { kind: "bind", source: "~/cfg", target: "/cfg", readOnly: true, noCopy: false, selinux: "z" },
    ],
    [
      "/abs:/p:rshared",
      { kind: "bind", source: "/abs", target: "/p", readOnly: false, noCopy: false, propagation: "rshared" },
    ],
    ["/anon", { kind: "volume", target: "/anon", readOnly: false, noCopy: false }],
    ["/anon:ro", { kind: "volume", target: "/anon", readOnly: true, noCopy: false }],
    ["cache:/c:nocopy", { kind: "volume", source: "cache", target: "/c", readOnly: false, noCopy: true }],
  ])("%s", (text, volume) => expect(parseVolumeShort(text)).toEqual({ ok: true, value: volume }));

  test.each(["data:relative", "a:b:c:d", "data:/x:fast", ":/x"])("%s is refused", (text) => {
    expect(parseVolumeShort(text).ok).toBe(false);
  });

  test("tmpfs entries and modes", () => {
    expect(parseTmpfsShort("/run:size=64m,mode=1777")).toEqual({
      ok: true,
      value: { target: "/run", size: 64 * 1024 ** 2, mode: 0o1777 },
    });
    expect(parseTmpfsShort("/tmp")).toEqual({ ok: true, value: { target: "/tmp" } });
    expect(parseTmpfsShort("/tmp:noexec").ok).toBe(false);
    expect(parseTmpfsShort("tmp").ok).toBe(false);
    expect(parseFileMode(755)).toEqual({ ok: true, value: 0o755 });
    expect(parseFileMode("0o700")).toEqual({ ok: true, value: 0o700 });
    expect(parseFileMode(999).ok).toBe(false);
  });
});
