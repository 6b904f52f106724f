export type { ConnectionFlags, ResolvedConnection } from "./connection/resolve-connection.js";
export { resolveConnection } from "./connection/resolve-connection.js";
export { DockerEngine } from "./docker-engine.js";
export type * from "./engine.js";
export type { EngineErrorKind } from "./errors.js";
export { EngineError, isConnectionLost, isEngineError, RERUN_HINT } from "./errors.js";
