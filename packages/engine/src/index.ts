export type * from "./engine.js";
