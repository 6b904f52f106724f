import { expect, test } from "vitest";
import { didYouMean, editDistance } from "./did-you-mean.js";
import { formatPath } from "./document-path.js";
import { formatDiagnostic } from "./format-diagnostic.js";

test("edit distance counts a transposition as one edit", () => {
  expect(editDistance("imgae", "image")).toBe(1);
  expect(editDistance("", "abc")).toBe(3);
  expect(editDistance("kitten", "sitting")).toBe(3);
});

test("did you mean", () => {
  expect(didYouMean("imgae", ["image", "init", "user"])).toBe("image");
  expect(didYouMean("Ports", ["ports", "expose"])).toBe("ports");
  expect(didYouMean("banana", ["image", "init"])).toBeUndefined();
});

test("paths read the way people write them", () => {
  expect(formatPath(["services", "web", "ports", 0])).toBe("services.web.ports[0]");
  expect(formatPath(["services", "web", "labels", "com.example/x"])).toBe(
    'services.web.labels["com.example/x"]',
  );
  expect(formatPath([])).toBe("the top level");
});

test("formatDiagnostic", () => {
  const diagnostic = {
    severity: "error" as const,
    code: "unknown-key",
    message: "unknown key `imgae` in services.web",
    file: "stack.yaml",
    line: 3,
    column: 5,
    hint: "did you mean `image`?",
  };
  expect(formatDiagnostic(diagnostic)).toBe(
    "stack.yaml:3:5: error[unknown-key]: unknown key `imgae` in services.web\n  hint: did you mean `image`?",
  );
  expect(formatDiagnostic({ severity: "warning", code: "privileged", message: "m" })).toBe(
    "warning[privileged]: m",
  );
  expect(formatDiagnostic({ ...diagnostic, line: undefined, column: undefined })).toMatch(
    /^stack\.yaml: error/,
  );
  const colored = formatDiagnostic(diagnostic, { color: true });
  expect(colored).toContain("\u001b[");
  expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(formatDiagnostic(diagnostic));
});
