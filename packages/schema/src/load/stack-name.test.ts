import { expect, test } from "vitest";
import { DiagnosticSink } from "../diagnostics/diagnostic-sink.js";
import { normaliseStackName, resolveStackName } from "./stack-name.js";

const resolve = (sources: Parameters<typeof resolveStackName>[0]) => {
  const sink = new DiagnosticSink();
  return { name: resolveStackName(sources, sink), codes: sink.diagnostics.map((d) => d.code) };
};

test("name: wins, then --name, then STACK_NAME, then the directory", () => {
  expect(resolve({ fromFile: "Shop", option: "x", env: "y", workingDir: "/a/b" })).toEqual({
    name: "shop",
    codes: [],
  });
  expect(resolve({ option: "pr-42", env: "y", workingDir: "/a/b" })).toEqual({ name: "pr-42", codes: [] });
  expect(resolve({ env: "ci_7", workingDir: "/a/b" })).toEqual({ name: "ci_7", codes: [] });
  expect(resolve({ workingDir: "/src/My.Project" })).toEqual({ name: "myproject", codes: [] });
});

test("an invalid explicit name is a diagnostic; a directory name is normalised", () => {
  expect(resolve({ fromFile: "my stack", workingDir: "/a" }).codes).toEqual(["invalid-stack-name"]);
  expect(resolve({ option: "-x", workingDir: "/a" }).codes).toEqual(["invalid-stack-name"]);
  expect(normaliseStackName("__Web App_2")).toBe("webapp_2");
  expect(resolve({ workingDir: "/..." }).codes).toEqual(["invalid-stack-name"]);
});
