// The contract between the packages (`@stackform/schema/contract`): what the loader hands the
// planner, what the engine observes, and the labels and names both sides agree on. No zod and no
// YAML: the engine and applier depend on this alone, and a command that never reads a stack file
// (or reads it late, as destroy does) starts without evaluating either.

export { STACK_FILE_NAMES } from "./load/find-stack-files.js";
export type * from "./model/desired-stack.js";
export { BIND_PROPAGATIONS } from "./model/desired-stack.js";
export type { Diagnostic } from "./model/diagnostic.js";
export type * from "./model/engine-specs.js";
export {
  API_SOCKET,
  Labels,
  lockContainerName,
  metaContainerName,
  TEMPORARY_NAME_SUFFIX,
} from "./model/labels.js";
export type * from "./model/observed-state.js";
export { imagePlatform, platformMatches } from "./model/platform.js";
export { type ContainerReference, containerReferences } from "./model/service-references.js";
export {
  type ObservedSwarm,
  type ObservedSwarmFileObject,
  type ObservedSwarmNetwork,
  type ObservedSwarmService,
  STACK_IMAGE_LABEL,
  STACK_NAMESPACE_LABEL,
  type SwarmConfigReference,
  type SwarmFileObjectSpec,
  type SwarmFileTarget,
  type SwarmIpam,
  type SwarmNetworkSpec,
  type SwarmSecretReference,
  type SwarmServiceExtras,
  type SwarmServiceSpec,
  type SwarmUpdateConfig,
} from "./model/swarm-specs.js";
export { parseDuration } from "./parse/duration.js";
export { isSensitiveKey, SENSITIVE_KEY_PATTERN, SENSITIVE_MASK } from "./sensitive.js";
export { StackformError } from "./stackform-error.js";
