export {
  COMPOSE_FORMAT_VERSION,
  renderCompose,
  type ToComposeOptions,
  toCompose,
} from "./compose/to-compose.js";
export * from "./contract.js";
export {
  defineStack,
  type NetworkModeInput,
  type PullPolicyInput,
  type RestartPolicyInput,
  type ServiceDefinition,
  type StackDefinition,
  type StackFactory,
  type StackInput,
  type StackVariables,
} from "./define-stack.js";
export { type FormatOptions, formatDiagnostic } from "./diagnostics/format-diagnostic.js";
export { renderStackJsonSchema, stackJsonSchema } from "./json-schema.js";
export { STACK_FILE_NAMES } from "./load/find-stack-files.js";
export { type LoadOptions, type LoadResult, loadStack } from "./load/load-stack.js";
export { parseByteSize } from "./parse/byte-size.js";
export { parseCpus } from "./parse/cpus.js";
export { parseDuration } from "./parse/duration.js";
export { interpolate } from "./parse/interpolate.js";
export type { Parsed } from "./parse/parsed.js";
export { parsePortShort } from "./parse/port-spec.js";
export { shellSplit } from "./parse/shell-split.js";
export { redactStack } from "./redact-stack.js";
export { SERVICE_KEYS } from "./schema/service-schema.js";
export { stackFileSchema } from "./schema/stack-file-schema.js";
