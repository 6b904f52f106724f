import { actOnServices } from "../act-on-services.js";
import type { GlobalOptions } from "../global-options.js";

/** `stack start [SERVICE...]`: starts existing containers; it creates nothing (that is `apply`). */
export function startCommand(services: string[], options: GlobalOptions): Promise<void> {
  return actOnServices(services, options, {
    progress: "Starting",
    result: "started",
    act: (engine, container) => engine.startContainer(container.name),
  });
}
