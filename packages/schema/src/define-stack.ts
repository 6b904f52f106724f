import type { StackInput } from "./schema/stack-file-schema.js";

export type { StackInput } from "./schema/stack-file-schema.js";

type SchemaService = NonNullable<StackInput["services"]>[string];

/** `restart:` as the loader accepts it; `false` is YAML 1.1's `no`. */
export type RestartPolicyInput =
  | "no"
  | "always"
  | "unless-stopped"
  | "on-failure"
  | `on-failure:${number}`
  | false;

/** `network_mode:` as the loader accepts it (`container:<id>` is refused). */
export type NetworkModeInput = "bridge" | "host" | "none" | `service:${string}`;

/**
 * A service as `defineStack` takes it: the zod schema's input type, with literal unions where the
 * schema checks a plain string at run time. `pull_policy`, `depends_on` conditions and port
 * protocols are already literal unions in the schema.
 */
export type ServiceDefinition = Omit<SchemaService, "restart" | "network_mode"> & {
  restart?: RestartPolicyInput;
  network_mode?: NetworkModeInput;
};

/** A whole stack as `defineStack` takes it: every key of docs/stack-files.md. */
export type StackDefinition = Omit<StackInput, "services"> & {
  services?: Record<string, ServiceDefinition>;
};

/** What a stack written as a function receives: the values a YAML stack interpolates. */
export interface StackVariables {
  /** The process environment over the `.env` file beside the stack file; unset names are `undefined`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The variable's value. When it is unset or empty, loading fails with the same diagnostic as
   * YAML's `${NAME:?message}` (the stack is still evaluated, so every missing one is reported).
   */
  required(name: string, message?: string): string;
}

export type StackFactory = (variables: StackVariables) => StackDefinition;

/**
 * Declares a stack in TypeScript (`export default defineStack({...})` in `stack.ts`). It returns
 * its argument unchanged: the value is the typing, so editors complete every key and `tsc` rejects
 * a misspelt or impossible value. The loader validates and normalises the result exactly like a
 * YAML file. Given a function, the loader calls it with the stack's {@link StackVariables}.
 */
// One generic signature rather than overloads: with overloads, tsc reports "no overload matches"
// instead of naming the wrong value.
export function defineStack<const T extends StackDefinition | StackFactory>(input: T): T {
  return input;
}
