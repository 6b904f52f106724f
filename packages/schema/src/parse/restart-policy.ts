import type { RestartPolicy } from "../model/desired-stack.js";
import { failed, type Parsed, parsed } from "./parsed.js";

const HINT = 'use one of "no", "always", "on-failure", "on-failure:3" or "unless-stopped"';

/** `no | always | on-failure[:N] | unless-stopped`. */
export function parseRestartPolicy(input: unknown): Parsed<RestartPolicy> {
  // YAML 1.1 habits: `restart: no` may arrive as `false` from a JSON or TS source.
  if (input === false) return parsed({ name: "no", maximumRetryCount: 0 });
  if (typeof input !== "string") return failed("a restart policy must be a string", HINT);
  const text = input.trim();
  if (text === "no" || text === "always" || text === "unless-stopped") {
    return parsed({ name: text, maximumRetryCount: 0 });
  }
  const onFailure = /^on-failure(?::(\d+))?$/.exec(text);
  if (onFailure) return parsed({ name: "on-failure", maximumRetryCount: Number(onFailure[1] ?? 0) });
  return failed(`"${input}" is not a restart policy`, HINT);
}
