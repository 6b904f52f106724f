import type { StackInput } from "./schema/stack-file-schema.js";
import type { ServicesEntryDocs, StackDefinitionDocs } from "./stack-definition-docs.generated.js";

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

/** `pull_policy:` as the loader accepts it. */
export type PullPolicyInput =
  | "always"
  | "never"
  | "missing"
  | "build"
  | "if_not_present"
  | "daily"
  | "weekly"
  | "refresh"
  | `every_${string}`;

/** `network_mode:` as the loader accepts it (`container:<id>` is refused). */
export type NetworkModeInput = "bridge" | "host" | "none" | `service:${string}`;

/**
 * The keys of docs node `D` that `T` has, each `unknown` and optional: intersected with `T` they
 * leave its types and optionality as they are and add only the JSDoc (a homomorphic mapped type
 * keeps the declarations, hence the comments, of `D`'s properties).
 */
type DocsOf<T, D> = { [K in keyof D as K extends keyof T ? K : never]?: unknown };

/**
 * `T` with the JSDoc of the docs tree `D` (stack-definition-docs.generated.ts) on its keys, down
 * through unions (the long form of `ports`), lists and maps. A key whose docs are `unknown` keeps
 * its type untouched, so its alias (`RestartPolicyInput`) still names it in hovers and errors.
 */
type Documented<T, D> = unknown extends D ? T : DocumentedEach<T, D>;

type DocumentedEach<T, D> = T extends readonly (infer Item)[]
  ? D extends readonly (infer ItemDocs)[]
    ? Documented<Item, ItemDocs>[]
    : T
  : T extends object
    ? string extends keyof T
      ? D extends { [key: string]: infer EntryDocs }
        ? { [K in keyof T]: Documented<T[K], EntryDocs> }
        : T
      : { [K in keyof T]: K extends keyof D ? Documented<T[K], D[K]> : T[K] } & DocsOf<T, D>
    : T;

type ServiceInput = Omit<SchemaService, "restart" | "network_mode" | "pull_policy"> & {
  restart?: RestartPolicyInput;
  pull_policy?: PullPolicyInput;
  network_mode?: NetworkModeInput;
};

/**
 * A service as `defineStack` takes it: the zod schema's input type, with literal unions where the
 * schema checks a plain string at run time. `depends_on` conditions and port protocols are
 * already literal unions in the schema. Every key carries its docs/stack-files.md
 * description as JSDoc, for editor hovers.
 */
export type ServiceDefinition = Documented<ServiceInput, ServicesEntryDocs>;

/** A whole stack as `defineStack` takes it: every key of docs/stack-files.md, with its description. */
export type StackDefinition = Documented<
  Omit<StackInput, "services"> & { services?: Record<string, ServiceInput> },
  StackDefinitionDocs
>;

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
// One signature rather than overloads: with overloads, tsc reports "no overload matches" instead
// of naming the wrong value. Not generic either: an editor's hover on a key of a generic call's
// argument shows the inferred literal type, without the JSDoc that StackDefinition's keys carry.
export function defineStack(input: StackDefinition | StackFactory): StackDefinition | StackFactory {
  return input;
}
