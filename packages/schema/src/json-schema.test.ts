import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { renderStackJsonSchema, stackJsonSchema } from "./json-schema.js";

const committed = fileURLToPath(new URL("../../../stack.schema.json", import.meta.url));

describe("stack.schema.json", () => {
  test("is up to date with the zod schemas", () => {
    const onDisk = readFileSync(committed, "utf8");
    expect(onDisk === renderStackJsonSchema(), "stack.schema.json is stale: run `pnpm schema:write`").toBe(
      true,
    );
  });

  test("names every supported service key, refuses others, and allows x- extensions", () => {
    const schema = stackJsonSchema() as {
      properties: { services: { additionalProperties: Record<string, unknown> } };
      patternProperties: unknown;
    };
    const service = schema.properties.services.additionalProperties as {
      properties: Record<string, unknown>;
      additionalProperties: unknown;
      patternProperties: unknown;
    };
    for (const key of [
      "image",
      "build",
      "ports",
      "volumes",
      "depends_on",
      "deploy",
      "healthcheck",
      "secrets",
    ]) {
      expect(service.properties).toHaveProperty(key);
    }
    expect(service.additionalProperties).toBe(false);
    expect(service.patternProperties).toEqual({ "^x-": {} });
    expect(schema.patternProperties).toEqual({ "^x-": {} });
  });
});
