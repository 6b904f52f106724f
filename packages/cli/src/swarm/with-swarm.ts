import type { SwarmEngine } from "@stackform/engine";
import type { GlobalOptions } from "../global-options.js";

/** Runs `fn` with a Swarm manager (refusing an engine that is not one) and always closes it. */
export async function withSwarm<T>(
  globals: GlobalOptions,
  fn: (engine: SwarmEngine) => Promise<T>,
): Promise<T> {
  const { SwarmEngine } = await import("@stackform/engine");
  const engine = await SwarmEngine.connect({ host: globals.host, context: globals.context });
  try {
    await engine.requireManager();
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
