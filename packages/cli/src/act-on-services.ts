import type { Engine } from "@stackform/engine";
import type { ObservedContainer } from "@stackform/schema";
import { withEngine } from "./connect-engine.js";
import type { GlobalOptions } from "./global-options.js";
import { printJson } from "./json-output.js";
import { serviceContainers } from "./service-containers.js";
import { resolveStackName } from "./stack-name.js";

export interface ServiceAction {
  /** `Stopping`, for the progress line on stderr. */
  progress: string;
  /** `stopped`, the key of the JSON result. */
  result: string;
  act(engine: Engine, container: ObservedContainer): Promise<void>;
}

/**
 * stop, start and restart: one engine call per replica of the named services (all when none),
 * at once. Progress on stderr; the containers acted on are the result, one name a line on stdout.
 */
export async function actOnServices(
  services: readonly string[],
  options: GlobalOptions,
  action: ServiceAction,
): Promise<void> {
  const stack = await resolveStackName(options);
  await withEngine(options, async (engine) => {
    const containers = await serviceContainers(engine, stack, services);
    await Promise.all(
      containers.map(async (container) => {
        process.stderr.write(`${action.progress} ${container.name}\n`);
        await action.act(engine, container);
      }),
    );
    const names = containers.map((c) => c.name);
    if (options.json) printJson({ stack, engine: engine.endpoint, [action.result]: names });
    else for (const name of names) process.stdout.write(`${name}\n`);
    if (containers.length === 0)
      process.stderr.write(`No containers for stack ${stack} on ${engine.endpoint}.\n`);
  });
}
