export { allCredentials, type RegistryAuth } from "./auth/registry-credentials.js";
export type { ConnectionFlags, ResolvedConnection } from "./connection/resolve-connection.js";
export { resolveConnection } from "./connection/resolve-connection.js";
export { DockerEngine } from "./docker-engine.js";
export type * from "./engine.js";
export type { EngineErrorKind } from "./errors.js";
export { EngineError, isConnectionLost, isEngineError, RERUN_HINT } from "./errors.js";
export {
  SwarmEngine,
  type SwarmServiceStatus,
  type SwarmStackSummary,
  type SwarmTask,
} from "./swarm/swarm-engine.js";
export { type ConvergeResult, type ServiceProgress, waitForServices } from "./swarm/wait-for-services.js";
