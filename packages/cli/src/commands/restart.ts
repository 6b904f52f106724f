import { actOnServices } from "../act-on-services.js";
import type { GlobalOptions } from "../global-options.js";

export interface RestartFlags extends GlobalOptions {
  timeout?: number;
}

/** `stack restart [SERVICE...]`: the same containers, restarted; configuration changes need `apply`. */
export function restartCommand(services: string[], options: RestartFlags): Promise<void> {
  return actOnServices(services, options, {
    progress: "Restarting",
    result: "restarted",
    act: (engine, container) => engine.restartContainer(container.name, options.timeout),
  });
}
