export type * from "./model/desired-stack.js";
export type { Diagnostic } from "./model/diagnostic.js";
export type * from "./model/engine-specs.js";
export type * from "./model/observed-state.js";
export { Labels, lockContainerName, TEMPORARY_NAME_SUFFIX } from "./model/labels.js";
