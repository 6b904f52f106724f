import * as z from "zod";
import { KEY_DESCRIPTIONS } from "./key-descriptions.js";
import { stackFileSchema } from "./schema/stack-file-schema.js";

type JsonObject = Record<string, unknown>;

/** One key a stack file may hold: its path (`services.*.ports[].target`) and its JSON Schema. */
export interface StackFileKey {
  path: string;
  schema: JsonObject;
}

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Every key of the schema, parents before children, in the schema's order. */
export function stackFileKeys(schema: JsonObject): StackFileKey[] {
  const keys: StackFileKey[] = [];
  const walk = (node: unknown, path: string): void => {
    if (!isObject(node)) return;
    if (isObject(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) {
        const childPath = path === "" ? key : `${path}.${key}`;
        if (isObject(child) && !keys.some((k) => k.path === childPath))
          keys.push({ path: childPath, schema: child });
        walk(child, childPath);
      }
    }
    if (isObject(node.additionalProperties)) walk(node.additionalProperties, `${path}.*`);
    for (const branch of ["anyOf", "oneOf", "allOf"]) {
      const list = node[branch];
      if (Array.isArray(list)) for (const item of list) walk(item, path);
    }
    if (node.items !== undefined) walk(node.items, `${path}[]`);
  };
  walk(schema, "");
  return keys;
}

/** Puts each key's text from {@link KEY_DESCRIPTIONS} first in its `description`. */
function describeKeys(schema: JsonObject): void {
  for (const { path, schema: node } of stackFileKeys(schema)) {
    const text = KEY_DESCRIPTIONS[path];
    if (text === undefined) continue;
    const own = typeof node.description === "string" ? node.description : "";
    // The zod schema's own text (a value's format) is kept unless this one already says it.
    const kept = own === "" || text.startsWith(own.replace(/\.$/, "")) ? "" : ` ${own}`;
    node.description = `${text}${kept}`;
  }
}

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
  describeKeys(schema);
  return {
    $schema: schema.$schema,
    title: "Stackform stack file",
    description: "A Compose-style stack file in the subset Stackform supports (see docs/stack-files.md).",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}

/** The exact text of `stack.schema.json`: two-space JSON with a final newline. */
export function renderStackJsonSchema(): string {
  return `${JSON.stringify(stackJsonSchema(), null, 2)}\n`;
}
