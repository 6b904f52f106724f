import { runPostStart, runPreStop } from "@stackform/applier";
import { type Engine, isConnectionLost } from "@stackform/engine";
import { postStartRuns, preStopRuns } from "@stackform/planner";
import type { DesiredService, DesiredStack } from "@stackform/schema";
import type { GlobalOptions } from "./global-options.js";

export type HookServices = Readonly<Record<string, DesiredService>>;

/**
 * The stack file's services, for their lifecycle hooks, when a file for this stack is at hand.
 * Commands that act by name (destroy, stop, start, restart) work without one too: a missing or
 * broken file, or one for another stack, just means no hooks.
 */
export async function hookServices(options: GlobalOptions, stack: string): Promise<HookServices> {
  return (await stackFileFor(options, stack))?.services ?? {};
}

/**
 * The stack files the flags name, when they load and describe `stack`; otherwise `undefined`.
 * The loader (zod, YAML) is imported here, not up front, so that destroy can take its lock and
 * read the engine while the loader compiles.
 */
export async function stackFileFor(options: GlobalOptions, stack: string): Promise<DesiredStack | undefined> {
  try {
    const { loadStackFiles } = await import("./load-desired.js");
    const { stack: desired } = await loadStackFiles(options);
    return desired?.name === stack ? desired : undefined;
  } catch {
    return undefined;
  }
}

/** Hook output and warnings of the day-2 commands: progress, on stderr. */
const progressOf = (container: string) => (line: string) => process.stderr.write(`${container}: ${line}\n`);

/** `pre_stop` hooks before a day-2 stop or restart; their failure never keeps the container up. */
export const preStop = (
  engine: Engine,
  services: HookServices,
  container: { name: string; service: string },
) =>
  runPreStop(
    engine,
    container.name,
    preStopRuns(services[container.service]),
    progressOf(container.name),
    isConnectionLost,
  );

/** `post_start` hooks after a day-2 start or restart; a failing one fails the command. */
export const postStart = (
  engine: Engine,
  services: HookServices,
  container: { name: string; service: string },
) =>
  runPostStart(
    engine,
    container.name,
    postStartRuns(services[container.service]),
    progressOf(container.name),
  );
