// The contract between the packages (`@stackform/schema/contract`): what the loader hands the
// planner, what the engine observes, and the labels and names both sides agree on. No parsing,
// no zod: the engine and applier depend on this alone.
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
export { isSensitiveKey, SENSITIVE_KEY_PATTERN, SENSITIVE_MASK } from "./sensitive.js";
export { StackformError } from "./stackform-error.js";
