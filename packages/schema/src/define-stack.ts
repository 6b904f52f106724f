import type { StackInput } from "./schema/stack-file-schema.js";

export type { StackInput } from "./schema/stack-file-schema.js";

/**
 * Declares a stack in TypeScript (`export default defineStack({...})` in `stack.ts`). It returns
 * its argument unchanged: the value is the typing, so editors complete every Compose key. The
 * loader validates and normalises the result exactly like a YAML file.
 */
export function defineStack(input: StackInput): StackInput {
  return input;
}
