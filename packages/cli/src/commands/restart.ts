import { actOnServices } from "../act-on-services.js";
import type { GlobalOptions } from "../global-options.js";
import { hookServices, postStart, preStop } from "../hook-services.js";
import { resolveStackName } from "../stack-name.js";

export interface RestartFlags extends GlobalOptions {
  timeout?: number;
}

/** `stack restart [SERVICE...]`: the same containers, restarted; configuration changes need `apply`. */
export async function restartCommand(services: string[], options: RestartFlags): Promise<void> {
  const hooks = await hookServices(options, await resolveStackName(options));
  return actOnServices(services, options, {
    progress: "Restarting",
    result: "restarted",
    act: async (engine, container) => {
      await preStop(engine, hooks, container);
      await engine.restartContainer(container.name, options.timeout);
      await postStart(engine, hooks, container);
    },
  });
}
