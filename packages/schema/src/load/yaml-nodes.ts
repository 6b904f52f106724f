import { type Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair } from "yaml";

export interface FoundNode {
  /** How many path segments matched. */
  depth: number;
  /** The node at that depth (`undefined` for an empty value such as `data:`). */
  node?: Node;
  /** The key node of the last matched mapping entry. */
  key?: Node;
}

export const keyText = (key: unknown): string | undefined => {
  if (isScalar(key)) return typeof key.value === "symbol" ? undefined : String(key.value);
  return undefined;
};

const isMergeKey = (pair: Pair): boolean =>
  isScalar(pair.key) && (typeof pair.key.value === "symbol" || pair.key.value === "<<");

function findPair(doc: Document, map: Node, segment: string, seen = 0): Pair | undefined {
  if (!isMap(map) || seen > 20) return undefined;
  const direct = map.items.find((pair) => keyText(pair.key) === segment);
  if (direct) return direct as Pair;
  // YAML merge keys (`<<: *defaults`): the entry lives in the anchored mapping.
  for (const pair of map.items) {
    if (!isMergeKey(pair as Pair)) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(doc) : source;
      const found = target ? findPair(doc, target as Node, segment, seen + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** Walks a YAML document along a data path as far as it goes. */
export function findNode(doc: Document, path: readonly (string | number)[]): FoundNode {
  let node = doc.contents as Node | null;
  let key: Node | undefined;
  let depth = 0;
  for (const segment of path) {
    if (node && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    if (!node) break;
    if (isMap(node)) {
      const pair = findPair(doc, node, String(segment));
      if (!pair) break;
      key = pair.key as Node;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      key = undefined;
      node = item;
    } else {
      break;
    }
    depth++;
  }
  const found: FoundNode = { depth };
  if (node) found.node = node;
  if (key) found.key = key;
  return found;
}
