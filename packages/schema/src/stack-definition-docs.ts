import { stackFileKeys, stackJsonSchema } from "./json-schema.js";

/** What a documented key holds below it: nothing described, an object, a map's entries or a list's items. */
type Shape = { kind: "object"; node: DocsNode } | { kind: "map"; of: Shape } | { kind: "list"; of: Shape };

interface DocsNode {
  /** The key path of the object (`services.*.ports[]`), which names its interface. */
  readonly path: string;
  readonly keys: Map<string, { description: string; below?: Shape }>;
}

/** `services.*.ports[].target` → `services`, `*`, `ports`, `[]`, `target`. */
const steps = (path: string): string[] =>
  path.split(".").flatMap((part) => (part.endsWith("[]") ? [part.slice(0, -2), "[]"] : [part]));

const pathOf = (list: string[]): string => list.join(".").replace(/\.\[\]/g, "[]");

/** Where `rest` leads below a key: `*` a map, `[]` a list, a name an object, creating what is missing. */
function descend(shape: Shape | undefined, rest: string[], at: string[]): Shape {
  const [step] = rest;
  if (step === "*" || step === "[]") {
    const kind = step === "*" ? "map" : "list";
    if (shape?.kind === "object") throw new Error(`${pathOf(at)} has keys and entries`);
    if (shape !== undefined && shape.kind !== kind) throw new Error(`${pathOf(at)} is both a map and a list`);
    return { kind, of: descend(shape?.of, rest.slice(1), [...at, step]) };
  }
  if (shape !== undefined && shape.kind !== "object") throw new Error(`${pathOf(at)} has keys and entries`);
  const node = shape?.node ?? { path: pathOf(at), keys: new Map() };
  return { kind: "object", node };
}

function buildTree(entries: { path: string; description: string }[]): DocsNode {
  const root: DocsNode = { path: "", keys: new Map() };
  for (const { path, description } of entries) {
    const list = steps(path);
    let node = root;
    for (let i = 0; i < list.length; i++) {
      const key = list[i]!;
      const rest = list.slice(i + 1);
      const at = list.slice(0, i + 1);
      const entry = node.keys.get(key) ?? { description: "" };
      node.keys.set(key, entry);
      if (rest.length === 0) {
        entry.description = description;
        break;
      }
      // The next key's object: past every `*` and `[]` that follow this key.
      const objectAt = rest.findIndex((step) => step !== "*" && step !== "[]");
      entry.below = descend(entry.below, rest.slice(0, objectAt + 1), at);
      let shape = entry.below;
      while (shape.kind !== "object") shape = shape.of;
      node = shape.node;
      i += objectAt;
    }
  }
  return root;
}

const pascal = (step: string): string =>
  step === "*"
    ? "Entry"
    : step === "[]"
      ? "Item"
      : step
          .split(/[-_]/)
          .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
          .join("");

const interfaceName = (node: DocsNode): string =>
  node.path === "" ? "StackDefinitionDocs" : `${steps(node.path).map(pascal).join("")}Docs`;

const propertyName = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

function typeOf(shape: Shape | undefined): string {
  if (shape === undefined) return "unknown";
  if (shape.kind === "object") return interfaceName(shape.node);
  if (shape.kind === "map") return `{ [key: string]: ${typeOf(shape.of)} }`;
  return `${typeOf(shape.of)}[]`;
}

function objectNodes(shape: Shape | undefined): DocsNode[] {
  if (shape === undefined) return [];
  if (shape.kind === "object") return [shape.node];
  return objectNodes(shape.of);
}

function renderInterface(node: DocsNode): string {
  const members = [...node.keys].map(([key, { description, below }]) => {
    // `*/` would end the comment early.
    const text = description.replace(/\*\//g, "*\\/").replace(/\n/g, " ");
    const comment = text === "" ? "" : `  /** ${text} */\n`;
    return `${comment}  ${propertyName(key)}: ${typeOf(below)};`;
  });
  const where = node.path === "" ? "A stack file's top-level keys." : `The keys of \`${node.path}\`.`;
  return [`/** ${where} */`, `export interface ${interfaceName(node)} {`, ...members, "}"].join("\n");
}

/**
 * packages/schema/src/stack-definition-docs.generated.ts: the description of every stack-file key
 * (the JSON Schema's, which starts with KEY_DESCRIPTIONS') as JSDoc on interfaces shaped like a
 * stack, for define-stack.ts to lay over the zod types so that editors show it on hover.
 * Written by `pnpm docs:write`; a unit test fails when the committed file is stale.
 */
export function renderStackDefinitionDocs(): string {
  const entries = stackFileKeys(stackJsonSchema()).map(({ path, schema }) => ({
    path,
    description: typeof schema.description === "string" ? schema.description : "",
  }));
  const root = buildTree(entries);
  const nodes: DocsNode[] = [];
  const queue = [root];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    nodes.push(node);
    for (const { below } of node.keys.values()) queue.push(...objectNodes(below));
  }
  const header = [
    "// Generated from packages/schema/src/key-descriptions.ts by `pnpm docs:write`; do not edit.",
    "// A key's type is `unknown`, or the docs of what it holds: define-stack.ts intersects these",
    "// with the zod types, where `unknown` leaves the type as it is and only the JSDoc is added.",
  ].join("\n");
  return `${header}\n\n${nodes.map(renderInterface).join("\n\n")}\n`;
}
