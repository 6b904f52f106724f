import * as z from "zod";

type Schema = z.core.$ZodType;

function unwrap(schema: Schema): Schema {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
  return current;
}

/** The alternatives a schema stands for: the options of a union, or itself. */
function alternatives(schema: Schema): Schema[] {
  const inner = unwrap(schema);
  return inner instanceof z.ZodUnion
    ? inner.options.flatMap((option: Schema) => alternatives(option))
    : [inner];
}

/**
 * The object schema that validates the value at `path`, found by walking the schema along the
 * path. Used to name the keys an object accepts when an unknown key is found in it.
 */
export function objectSchemaAt(root: Schema, path: readonly PropertyKey[]): z.ZodObject | undefined {
  let candidates = alternatives(root);
  for (const segment of path) {
    const next: Schema[] = [];
    for (const candidate of candidates) {
      if (candidate instanceof z.ZodObject && typeof segment === "string" && segment in candidate.shape) {
        next.push(...alternatives(candidate.shape[segment] as Schema));
      } else if (candidate instanceof z.ZodRecord && typeof segment === "string") {
        next.push(...alternatives(candidate.valueType as Schema));
      } else if (candidate instanceof z.ZodArray && typeof segment === "number") {
        next.push(...alternatives(candidate.element as Schema));
      }
    }
    candidates = next;
  }
  return candidates.find((candidate): candidate is z.ZodObject => candidate instanceof z.ZodObject);
}
