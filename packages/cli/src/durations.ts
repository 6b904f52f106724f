import { parseDuration } from "@stackform/schema/contract";
import { CliError } from "./cli-error.js";

/** A flag's duration ("90s", "2m", "0") in milliseconds. */
export function durationFlag(flag: string, text: string): number {
  const ns = parseDuration(text);
  if (ns === undefined || ns < 0) {
    throw new CliError(`${flag} "${text}" is not a duration`, 'write it like "30s", "2m" or "1h30m"');
  }
  return Math.round(ns / 1e6);
}
