import * as z from "zod";
import { stackFileSchema } from "./schema/stack-file-schema.js";

type JsonObject = Record<string, unknown>;

/** Compose allows `x-*` extension keys in every object it defines; so does the JSON Schema. */
function allowExtensions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowExtensions(item);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const object = node as JsonObject;
  if (object.type === "object" && object.additionalProperties === false && object.properties) {
    object.patternProperties = { "^x-": {} };
  }
  for (const value of Object.values(object)) allowExtensions(value);
}

/** The JSON Schema of a stack file, for editors (`# yaml-language-server: $schema=...`). */
export function stackJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(stackFileSchema, {
    io: "input",
    target: "draft-7",
    unrepresentable: "any",
  }) as JsonObject;
  allowExtensions(schema);
  return {
    $schema: schema.$schema,
    title: "Stackform stack file",
    description:
      "A Compose-style stack file in the subset Stackform supports (see DESIGN.md, The stack language).",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}

/** The exact text of `stack.schema.json`: two-space JSON with a final newline. */
export function renderStackJsonSchema(): string {
  return `${JSON.stringify(stackJsonSchema(), null, 2)}\n`;
}
