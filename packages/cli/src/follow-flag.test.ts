import { describe, expect, it } from "vitest";
import { logsFollowFlag as rewrite } from "./follow-flag.js";
import { buildProgram } from "./program.js";

const logsFollowFlag = (argv: string[]) => rewrite(buildProgram(), argv);

const argv = (...args: string[]) => ["node", "stack", ...args];

describe("logs -f", () => {
  it("means --follow after `logs`, and --file before it or with other commands", () => {
    expect(logsFollowFlag(argv("-f", "a.yaml", "logs", "-f", "web"))).toEqual(
      argv("-f", "a.yaml", "logs", "--follow", "web"),
    );
    expect(logsFollowFlag(argv("-n", "logs", "plan", "-f", "x"))).toEqual(
      argv("-n", "logs", "plan", "-f", "x"),
    );
    expect(logsFollowFlag(argv("apply", "-f", "b.yaml"))).toEqual(argv("apply", "-f", "b.yaml"));
  });
});
