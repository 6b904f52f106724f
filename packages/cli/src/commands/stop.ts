import { actOnServices } from "../act-on-services.js";
import type { GlobalOptions } from "../global-options.js";

export interface StopFlags extends GlobalOptions {
  timeout?: number;
}

/** `stack stop [SERVICE...]`: the next `plan` shows them as drift, to be started again. */
export function stopCommand(services: string[], options: StopFlags): Promise<void> {
  return actOnServices(services, options, {
    progress: "Stopping",
    result: "stopped",
    act: (engine, container) => engine.stopContainer(container.name, options.timeout),
  });
}
