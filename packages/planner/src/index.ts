export { CONFIG_HASH_VERSION, configHash } from "./hash/config-hash.js";
export type * from "./model/operation.js";
export { OperationIds } from "./model/operation-ids.js";
export type { Change, ChangeAction, ChangeMember, FieldChange, Plan } from "./model/plan.js";
export { PLAN_FORMAT_VERSION } from "./model/plan.js";
export { plan } from "./plan.js";
export { type DestroyOptions, planDestroy, type StackVolume, stackVolumes } from "./plan-destroy.js";
export type { PlanOptions } from "./plan-options.js";
export { postStartRuns, preStopRuns } from "./reconcile/hook-runs.js";
export { maskOperation } from "./render/mask.js";
export { PLAN_JSON_FORMAT_VERSION, planToJson } from "./render/plan-to-json.js";
export { type RenderOptions, renderPlan } from "./render/render-plan.js";
export { type PlanSummary, summarise } from "./render/summary.js";
export { ASIDE_NAME_SUFFIX } from "./rollout/aside-name.js";
export { type FingerprintDetail, fingerprint, fingerprintDetail } from "./saved/fingerprint.js";
export {
  readSavedPlan,
  SAVED_PLAN_FORMAT_VERSION,
  type SavedPlan,
  SavedPlanError,
  savedPlanFile,
  savedSwarmPlanFile,
  staleness,
} from "./saved/saved-plan.js";
export { buildContainerSpec } from "./spec/container-spec.js";
export { buildNetworkSpec, buildVolumeSpec } from "./spec/object-specs.js";
export { sensitiveValues } from "./spec/sensitive-keys.js";
export { buildSwarmNetworkSpec } from "./swarm/network-spec.js";
export { planSwarm, planSwarmDestroy, type SwarmPlanInput, swarmFingerprint } from "./swarm/plan-swarm.js";
export { buildSwarmServiceSpec, swarmServiceName } from "./swarm/service-spec.js";
export { type SpecField, specFields } from "./swarm/spec-fields.js";
export {
  registryHost,
  swarmBuildErrors,
} from "./swarm/swarm-builds.js";
export type { SwarmAction, SwarmPlan } from "./swarm/swarm-plan.js";
export { swarmWarnings } from "./swarm/swarm-warnings.js";
