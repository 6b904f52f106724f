import { actOnServices } from "../act-on-services.js";
import type { GlobalOptions } from "../global-options.js";
import { hookServices, preStop } from "../hook-services.js";
import { resolveStackName } from "../stack-name.js";

export interface StopFlags extends GlobalOptions {
  timeout?: number;
}

/** `stack stop [SERVICE...]`: the next `plan` shows them as drift, to be started again. */
export async function stopCommand(services: string[], options: StopFlags): Promise<void> {
  const hooks = await hookServices(options, await resolveStackName(options));
  return actOnServices(services, options, {
    progress: "Stopping",
    result: "stopped",
    act: async (engine, container) => {
      await preStop(engine, hooks, container);
      await engine.stopContainer(container.name, options.timeout);
    },
  });
}
