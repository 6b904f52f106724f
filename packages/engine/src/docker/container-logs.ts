import type { LogOptions, LogStream } from "../engine.js";
import type { EngineClient } from "./engine-client.js";
import { inspectContainerRequest } from "./inspect-container.js";
import { logQuery, readLogLines } from "./log-lines.js";
import type { WireContainer } from "./wire-types.js";

/** Streams the logs of several containers at once, line by line, tagged with the container. */
export async function containerLogs(
  client: EngineClient,
  containers: string[],
  options: LogOptions,
  onLine: (container: string, line: string, stream: LogStream) => void,
  signal?: AbortSignal,
): Promise<void> {
  await Promise.all(
    containers.map(async (name) => {
      const info = await client.json<WireContainer>(inspectContainerRequest(name));
      const stream = await client.stream({
        what: `read logs of ${name}`,
        method: "GET",
        path: `/containers/${name}/logs`,
        query: logQuery(options),
        ...(signal ? { signal } : {}),
      });
      await readLogLines(client, stream, info.Config.Tty, (line, which) => onLine(name, line, which), signal);
    }),
  );
}
