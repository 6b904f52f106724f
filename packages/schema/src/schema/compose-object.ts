import * as z from "zod";

/** Why a Compose key is refused, keyed by the key; the text becomes the diagnostic's hint. */
export type UnsupportedKeys = Record<string, string>;

const unsupportedByObject = new WeakMap<object, UnsupportedKeys>();

/**
 * A strict object (unknown keys are issues, and the JSON Schema says `additionalProperties:
 * false`) that also remembers which Compose keys exist but are out of Stackform's scope, so the
 * diagnostics can say "unsupported" rather than "unknown".
 */
export function composeObject<S extends z.ZodRawShape>(shape: S, unsupported: UnsupportedKeys = {}) {
  const schema = z.strictObject(shape);
  unsupportedByObject.set(schema, unsupported);
  return schema;
}

export const unsupportedKeysOf = (schema: object): UnsupportedKeys => unsupportedByObject.get(schema) ?? {};

/** Reasons shared by several objects. */
export const OUT_OF_SCOPE = "Stackform supports the Compose single-host core; remove this key";
export const SWARM_ONLY = "this is a Swarm setting; Stackform runs stacks on one engine without Swarm";
export const DESKTOP_MODELS =
  "AI models are a Docker Desktop feature (Model Runner); the engine cannot run them";
