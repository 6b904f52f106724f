import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  type ComposeSpecProperties,
  type CoverageDefinition,
  renderComposeCoverageDoc,
  UNRECOGNISED,
} from "../src/compose-coverage-doc.js";
import { SERVICE_KEYS } from "../src/index.js";
import { unsupportedKeysOf } from "../src/schema/compose-object.js";
import { serviceSchema } from "../src/schema/service-schema.js";

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), "utf8");
const spec = JSON.parse(read("./fixtures/compose-spec-properties.json")) as ComposeSpecProperties;
const doc = read("../../../docs/compose-coverage.md");

/** The rows of one `## heading` table of the committed page: property → [status, why]. */
function rowsOf(heading: string): Map<string, [string, string]> {
  const section = doc.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? "";
  const rows = new Map<string, [string, string]>();
  for (const match of section.matchAll(/^\| `(?:[a-z]+\.\*\.)?([a-z0-9_]+)` \| (\w+) \|(.*)\|$/gm))
    rows.set(match[1]!, [match[2]!, match[3]!.trim()]);
  return rows;
}

const HEADINGS: Record<CoverageDefinition, string> = {
  top_level: "Top level",
  service: "Services",
  network: "Networks",
  volume: "Volumes",
  secret: "Secrets",
  config: "Configs",
};

describe("docs/compose-coverage.md", () => {
  test("is what the schemas say today (run `pnpm docs:write` after changing a schema)", () => {
    expect(
      doc === renderComposeCoverageDoc(spec),
      "docs/compose-coverage.md is stale: run `pnpm docs:write`",
    ).toBe(true);
  });

  test("lists every property of each definition of the Specification once, and nothing else", () => {
    expect(spec.service).toHaveLength(92);
    for (const [definition, heading] of Object.entries(HEADINGS) as [CoverageDefinition, string][]) {
      expect([...rowsOf(heading).keys()].sort(), heading).toEqual([...spec[definition]].sort());
    }
  });

  test("marks a service property supported exactly when the service schema accepts it, and gives the schema's reason otherwise", () => {
    const rows = rowsOf("Services");
    const unsupported = unsupportedKeysOf(serviceSchema);
    for (const key of spec.service) {
      const [status, why] = rows.get(key)!;
      if (SERVICE_KEYS.includes(key)) expect(`${key}: ${status}`).toBe(`${key}: supported`);
      else expect(`${key}: ${status} ${why}`).toBe(`${key}: rejected ${unsupported[key] ?? UNRECOGNISED}`);
    }
    const supported = spec.service.filter((key) => rows.get(key)?.[0] === "supported").length;
    expect(doc).toContain(`| Services | 92 | ${supported} | ${92 - supported} |`);
  });

  test("every key the service schema supports beyond the Specification is a Stackform extension", () => {
    expect(SERVICE_KEYS.filter((key) => !spec.service.includes(key))).toEqual(
      SERVICE_KEYS.filter((key) => key.startsWith("x-")),
    );
  });
});
