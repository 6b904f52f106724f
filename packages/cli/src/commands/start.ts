import { actOnServices } from "../act-on-services.js";
import type { GlobalOptions } from "../global-options.js";
import { hookServices, postStart } from "../hook-services.js";
import { resolveStackName } from "../stack-name.js";

/** `stack start [SERVICE...]`: starts existing containers; it creates nothing (that is `apply`). */
export async function startCommand(services: string[], options: GlobalOptions): Promise<void> {
  const hooks = await hookServices(options, await resolveStackName(options));
  return actOnServices(services, options, {
    progress: "Starting",
    result: "started",
    act: async (engine, container) => {
      await engine.startContainer(container.name);
      await postStart(engine, hooks, container);
    },
  });
}
