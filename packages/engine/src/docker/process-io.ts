import type { Duplex } from "node:stream";
import type { ProcessIO } from "../engine.js";
import type { EngineClient } from "./engine-client.js";

/**
 * Connects a hijacked exec/attach stream to the caller's streams and resolves when the process's
 * output ends. Without a TTY the engine multiplexes stdout and stderr in 8-byte frames, which
 * docker-modem's `demuxStream` splits; with one there is a single raw stream.
 */
export function pipeProcessIO(client: EngineClient, socket: Duplex, io: ProcessIO): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (io.tty) socket.on("data", (chunk: Buffer) => io.stdout.write(chunk));
    else client.modem.demuxStream(socket, io.stdout, io.stderr);
    const stdin = io.stdin;
    // Half-close: the process reads EOF on its stdin and goes on writing its output. Not with a
    // TTY, where the engine ends the whole session when its input closes (output would be lost).
    const endInput = () => {
      if (!io.tty) socket.end();
    };
    if (stdin) {
      stdin.on("data", (chunk: Buffer) => socket.write(chunk));
      stdin.once("end", endInput);
    } else endInput();
    let settled = false;
    const done = (error?: Error) => {
      if (settled) return;
      settled = true;
      stdin?.off("end", endInput);
      stdin?.removeAllListeners("data");
      if (error) reject(error);
      else resolve();
    };
    socket.once("end", () => done());
    socket.once("close", () => done());
    socket.once("error", (error) => done(error));
  });
}
