export type * from "./model/operation.js";
export { PLAN_FORMAT_VERSION } from "./model/plan.js";
export type { Change, ChangeAction, FieldChange, Plan } from "./model/plan.js";
