// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose `${VAR}` interpolation text, not JS templates.
import { type StackFileKey, stackFileKeys, stackJsonSchema } from "./json-schema.js";

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A short type for a reader: `string`, `"tcp" | "udp"`, `list of string`, `map`. */
function typeOf(node: unknown): string {
  if (!isObject(node)) return "any";
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  for (const branch of ["anyOf", "oneOf"]) {
    const list = node[branch];
    if (Array.isArray(list)) return [...new Set(list.map(typeOf))].join(" or ");
  }
  const type = node.type;
  if (Array.isArray(type)) return type.join(" or ");
  if (type === "array") {
    const item = typeOf(node.items);
    return item.includes(" or ") ? `list of (${item})` : `list of ${item}`;
  }
  if (type === "object") return isObject(node.properties) ? "mapping" : "map";
  if (typeof type === "string") return type === "integer" ? "whole number" : type;
  return "any";
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(keys: StackFileKey[]): string {
  const rows = keys.map(({ path, schema }) => {
    const description = typeof schema.description === "string" ? schema.description : "";
    return `| \`${path}\` | ${typeOf(schema).replace(/(?<!\\)\|/g, "\\|")} | ${cell(description)} |`;
  });
  return ["| key | type | meaning |", "| --- | --- | --- |", ...rows].join("\n");
}

/**
 * docs/stack-files.md: every key a stack file may hold, generated from the zod schema (through
 * its JSON Schema) by `pnpm docs:write`. A unit test fails when the committed file is stale.
 */
export function renderStackFilesDoc(): string {
  const keys = stackFileKeys(stackJsonSchema());
  const sections = new Map<string, StackFileKey[]>();
  for (const key of keys) {
    const top = key.path.split(/[.[]/)[0] ?? key.path;
    sections.set(top, [...(sections.get(top) ?? []), key]);
  }
  const parts = [
    "# Stack files",
    "",
    "<!-- Generated from packages/schema/src/schema by `pnpm docs:write`; do not edit. -->",
    "",
    "A stack file is a Compose file in the subset below: `stack.yaml`, `stack.yml`, `compose.yaml`,",
    "`compose.yml`, `docker-compose.yml`, or a `stack.ts` whose default export is `defineStack({...})`.",
    "Any other key is an error that names it (`x-` keys are extensions and are ignored). In a path,",
    "`*` is an entry of a map (a service, network or volume name) and `[]` an item of a list.",
    "Values are interpolated from the environment and `.env` as in Compose: `$V`, `${V}`,",
    "`${V:-default}`, `${V-default}`, `${V:?message}`, `${V?message}`, `$$` for a dollar.",
  ];
  for (const [top, list] of sections) parts.push("", `## \`${top}\``, "", table(list));
  return `${parts.join("\n")}\n`;
}
