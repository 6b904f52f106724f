import { createInterface } from "node:readline";
import { PassThrough } from "node:stream";
import type { LogOptions } from "../engine.js";
import type { EngineClient } from "./engine-client.js";
import { inspectContainerRequest } from "./inspect-container.js";
import type { WireContainer } from "./wire-types.js";

/**
 * Streams the logs of several containers at once, line by line, tagged with the container.
 * Without a TTY the engine multiplexes stdout and stderr in 8-byte-framed chunks; dockerode's
 * modem splits them.
 */
export async function containerLogs(
  client: EngineClient,
  containers: string[],
  options: LogOptions,
  onLine: (container: string, line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  await Promise.all(
    containers.map(async (name) => {
      const info = await client.json<WireContainer>(inspectContainerRequest(name));
      const stream = await client.stream({
        what: `read logs of ${name}`,
        method: "GET",
        path: `/containers/${name}/logs`,
        query: {
          stdout: true,
          stderr: true,
          follow: options.follow,
          tail: options.tail ?? "all",
          since: options.since,
          timestamps: options.timestamps,
        },
        ...(signal ? { signal } : {}),
      });
      const lines = new PassThrough();
      if (info.Config.Tty) stream.pipe(lines);
      else {
        client.modem.demuxStream(stream, lines, lines);
        stream.on("end", () => lines.end());
      }
      stream.on("error", () => lines.end());
      signal?.addEventListener("abort", () => lines.end(), { once: true });
      for await (const line of createInterface({ input: lines, crlfDelay: Number.POSITIVE_INFINITY }))
        onLine(name, line);
    }),
  );
}
