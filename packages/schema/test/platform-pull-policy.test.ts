import { describe, expect, it } from "vitest";
import { renderCompose } from "../src/index.js";
import { intervalText, parsePullPolicy } from "../src/parse/pull-policy.js";
import { textLoader } from "./text-loader.js";

const loadText = textLoader("platform-pull");

const HOUR = 3600e9;
const DAY = 24 * HOUR;

async function service(fields: string) {
  const { stack, diagnostics } = await loadText(`services:\n  web:\n    image: x:1\n${fields}`);
  return { web: stack?.services.web, diagnostics };
}

async function errorsOf(fields: string) {
  const { diagnostics } = await service(fields);
  return diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ code: d.code, message: d.message, hint: d.hint, line: d.line }));
}

describe("pull_policy", () => {
  it.each([
    ["daily", DAY],
    ["weekly", 7 * DAY],
    ["every_12h", 12 * HOUR],
    ["every_2d", 2 * DAY],
    ["every_1w2d", 9 * DAY],
    ["every_1h30m", 1.5 * HOUR],
    ["every_90s", 90e9],
  ])("reads %s as a refresh every %d ns", async (policy, interval) => {
    const { web, diagnostics } = await service(`    pull_policy: ${policy}\n`);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(web).toMatchObject({ pullPolicy: "refresh", pullInterval: interval });
  });

  it("keeps the fixed policies, with if_not_present read as missing", async () => {
    for (const [policy, read] of [
      ["always", "always"],
      ["never", "never"],
      ["missing", "missing"],
      ["if_not_present", "missing"],
    ]) {
      const { web } = await service(`    pull_policy: ${policy}\n`);
      expect(web?.pullPolicy).toBe(read);
      expect(web?.pullInterval).toBeUndefined();
    }
  });

  it("reads refresh with pull_refresh_after", async () => {
    const { web, diagnostics } = await service("    pull_policy: refresh\n    pull_refresh_after: 6h\n");
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(web).toMatchObject({ pullPolicy: "refresh", pullInterval: 6 * HOUR });
  });

  it("reports bad policies and intervals at their line, with a hint", async () => {
    expect(await errorsOf("    pull_policy: hourly\n")).toEqual([
      expect.objectContaining({
        code: "invalid-pull-policy",
        message: 'services.web.pull_policy: "hourly" is not a pull policy',
        line: 4,
      }),
    ]);
    const [every] = await errorsOf("    pull_policy: every_12x\n");
    expect(every).toMatchObject({ code: "invalid-pull-policy", line: 4 });
    expect(every?.message).toContain('"12x" is not a refresh interval');
    expect(every?.hint).toContain('"12h"');
    expect(await errorsOf("    pull_policy: every_0h\n")).toEqual([
      expect.objectContaining({ code: "invalid-pull-policy", line: 4 }),
    ]);
    expect(await errorsOf("    pull_policy: refresh\n    pull_refresh_after: soon\n")).toEqual([
      expect.objectContaining({ code: "invalid-refresh-interval", line: 5 }),
    ]);
  });

  it("needs an interval for refresh, and refresh for pull_refresh_after", async () => {
    expect(await errorsOf("    pull_policy: refresh\n")).toEqual([
      expect.objectContaining({ code: "refresh-without-interval", line: 4 }),
    ]);
    expect(await errorsOf("    pull_policy: always\n    pull_refresh_after: 1h\n")).toEqual([
      expect.objectContaining({ code: "refresh-after-without-refresh", line: 5 }),
    ]);
  });

  it("writes the policy back so that it reads the same", async () => {
    for (const policy of ["daily", "weekly", "every_1d12h", "every_90m"]) {
      const { web } = await service(`    pull_policy: ${policy}\n`);
      const { stack } = await loadText(
        renderCompose(
          {
            ...(await loadText(`services:\n  web:\n    image: x:1\n    pull_policy: ${policy}\n`)).stack!,
            name: "again",
          },
          "yaml",
        ),
      );
      expect(stack?.services.web).toMatchObject({ pullPolicy: "refresh", pullInterval: web?.pullInterval });
    }
    const { stack } = await loadText("services:\n  web:\n    image: x:1\n    pull_policy: every_36h\n");
    expect(renderCompose(stack!, "yaml")).toContain("pull_policy: every_1d12h");
  });

  it("spells intervals in the grammar every_ takes", () => {
    expect(intervalText(36 * HOUR)).toBe("1d12h");
    expect(intervalText(8 * DAY + 1e9)).toBe("1w1d1s");
    for (const text of ["every_1d12h", "every_1w1d1s", "every_45m"]) {
      const read = parsePullPolicy(text);
      expect(
        read.ok && read.value.policy === "refresh" && `every_${intervalText(read.value.interval!)}`,
      ).toBe(text);
    }
  });
});

describe("platform", () => {
  it("normalises the platform and builds for it", async () => {
    const { web } = await service("    platform: Linux/x86_64\n");
    expect(web?.platform).toBe("linux/amd64");
    const { stack } = await loadText("services:\n  api:\n    build: .\n    platform: linux/arm/v7\n");
    expect(stack?.services.api).toMatchObject({
      platform: "linux/arm/v7",
      build: { platform: "linux/arm/v7" },
    });
  });

  it("leaves it unset when the file does not name one", async () => {
    const { web } = await service("    command: sleep 1\n");
    expect(web).not.toHaveProperty("platform");
  });

  it("rejects malformed and non-Linux platforms at their line", async () => {
    expect(await errorsOf("    platform: amd64\n")).toEqual([
      expect.objectContaining({
        code: "invalid-platform",
        message: 'services.web.platform: "amd64" is not a platform',
        line: 4,
      }),
    ]);
    const [windows] = await errorsOf("    platform: windows/amd64\n");
    expect(windows).toMatchObject({ code: "invalid-platform", line: 4 });
    expect(windows?.message).toContain("needs a windows engine");
  });

  it("is written back by compose export", async () => {
    const { stack } = await loadText("services:\n  web:\n    image: x:1\n    platform: linux/arm64\n");
    expect(renderCompose(stack!, "yaml")).toContain("platform: linux/arm64");
  });
});
