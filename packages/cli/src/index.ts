// `import { defineStack } from "stackform"` in a user's stack.ts resolves here.

export type {
  DesiredStack,
  ServiceDefinition,
  StackDefinition,
  StackFactory,
  StackVariables,
} from "@stackform/schema";
export { defineStack } from "@stackform/schema";
export { runCli } from "./run-cli.js";
