import type { IncomingMessage } from "node:http";
import { createInterface } from "node:readline";
import { PassThrough } from "node:stream";
import type { LogOptions, LogStream } from "../engine.js";
import type { EngineClient } from "./engine-client.js";

/**
 * Reads one logs response line by line, calling `onLine` as each line arrives. Without a TTY the
 * engine multiplexes stdout and stderr in 8-byte-framed chunks; docker-modem splits them. Ends
 * when the response does, or when `signal` aborts (a followed log).
 */
export async function readLogLines(
  client: EngineClient,
  stream: IncomingMessage,
  tty: boolean,
  onLine: (line: string, stream: LogStream) => void,
  signal?: AbortSignal,
): Promise<void> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const end = () => {
    stdout.end();
    stderr.end();
  };
  if (tty) {
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
      lines.on("line", (line) => onLine(line, which));
      lines.on("close", resolve);
    });
  await Promise.all([read(stdout, "stdout"), read(stderr, "stderr")]);
}

/** The query of a logs request, for containers and Swarm services alike. */
export const logQuery = (options: LogOptions): Record<string, unknown> => ({
  stdout: true,
  stderr: true,
  follow: options.follow,
  tail: options.tail ?? "all",
  since: options.since,
  timestamps: options.timestamps,
});
