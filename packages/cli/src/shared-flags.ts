import { DEFAULT_LOCK_TIMEOUT_MS } from "@stackform/applier/defaults";
import { Argument, InvalidArgumentError, Option } from "commander";
import { durationText } from "./duration-text.js";

// Flags that several commands take, defined once so that their spelling, parsing, default and
// help stay alike. Each call makes a new Option: commander keeps its own per command. A command
// whose help says more than the shared words passes its own description.
//
// Defaults that belong to the applier (lock timeout here, concurrency and wait timeout in
// program.ts) come from `@stackform/applier/defaults`, not the applier itself: this file and
// program.ts load for every command, and the applier would load the engine and dockerode with
// them (~100 ms on `stack validate`). flag-defaults.test.ts holds that import graph to it.

/** Parses a repeatable flag: each use adds one value. */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** A whole number flag; commander reports a bad one as a usage error, naming the flag. */
export const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
};

/** `[service...]` of the commands that act on some or all of the stack's services. */
export const servicesArgument = () => new Argument("[service...]", "services (default: all)");

/** `--progress` of every command that runs a plan. */
export const progressOption = () =>
  new Option("--progress <mode>", "progress output")
    .choices(["auto", "tty", "plain", "json"])
    .default("auto");

export const lockTimeoutOption = (description = "how long to wait for another apply to finish") =>
  new Option("--lock-timeout <duration>", description).default(durationText(DEFAULT_LOCK_TIMEOUT_MS));

export const showSensitiveOption = (description = "print sensitive values") =>
  new Option("--show-sensitive", description).default(false);

/** `-t` of stop and restart. */
export const stopTimeoutOption = () =>
  new Option("-t, --timeout <seconds>", "grace period before the kill").argParser(integer);

/** `--index` of the commands that pick one container of a service. */
export const indexOption = () =>
  new Option("--index <n>", "which replica of the service").default(1).argParser(integer);

// exec and run: the process started in the container.
export const envOption = () =>
  new Option("-e, --env <KEY=VALUE>", "set an environment variable (repeatable)")
    .default([])
    .argParser(collect);
export const userOption = () => new Option("-u, --user <user>", "run as this user");
export const workdirOption = () => new Option("-w, --workdir <dir>", "working directory in the container");
