import { describe, expect, it } from "vitest";
import { redactor } from "./redact.js";

describe("redactor", () => {
  it("masks every occurrence of every secret, the longer first, and leaves other text alone", () => {
    const redact = redactor(["hunter2-long", "hunter2"]);
    expect(redact("auth hunter2-long failed; retry hunter2")).toBe(
      "auth (sensitive) failed; retry (sensitive)",
    );
    expect(redactor([])("nothing secret")).toBe("nothing secret");
  });
});
