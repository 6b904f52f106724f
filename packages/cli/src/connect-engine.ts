import type { Engine } from "@stackform/engine";
import type { GlobalOptions } from "./global-options.js";

/** dockerode is loaded only by commands that talk to an engine. */
export async function connectEngine(globals: GlobalOptions): Promise<Engine> {
  const { DockerEngine } = await import("@stackform/engine");
  return DockerEngine.connect({ host: globals.host, context: globals.context });
}

/** Runs `fn` with an engine and always closes it (ssh connections, keep-alive sockets). */
export async function withEngine<T>(globals: GlobalOptions, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await connectEngine(globals);
  try {
    return await fn(engine);
  } finally {
    await engine.close();
    if (process.env.STACKFORM_STATS) printStats(engine);
  }
}

/** One line for the benchmarks: requests made at the engine boundary and peak memory. */
function printStats(engine: Engine): void {
  const stats = { requests: engine.requestCount ?? null, max_rss_kb: process.resourceUsage().maxRSS };
  process.stderr.write(`stackform-stats ${JSON.stringify(stats)}\n`);
}
