import { createInterface } from "node:readline";
import { PassThrough } from "node:stream";
import type { LogOptions, LogStream } from "../engine.js";
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
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const end = () => {
        stdout.end();
        stderr.end();
      };
      if (info.Config.Tty) {
        stream.pipe(stdout);
        stderr.end();
      } else {
        client.modem.demuxStream(stream, stdout, stderr);
        stream.on("end", end);
      }
      stream.on("error", end);
      signal?.addEventListener("abort", end, { once: true });
      // Line events (not `for await`) so the two streams are read as their chunks arrive, in order.
      const read = (input: PassThrough, which: LogStream) =>
        new Promise<void>((resolve) => {
          const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
          lines.on("line", (line) => onLine(name, line, which));
          lines.on("close", resolve);
        });
      await Promise.all([read(stdout, "stdout"), read(stderr, "stderr")]);
    }),
  );
}
