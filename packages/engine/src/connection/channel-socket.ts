import { Duplex } from "node:stream";
import type { Channel } from "ssh2";

/**
 * An ssh exec channel as the socket of one HTTP connection. It ends only when the channel has
 * closed, by which time the remote command's exit status is known: a non-zero exit (docker
 * missing, its engine unreachable) destroys the socket with `failure(code, stderr)`, so the HTTP
 * request fails with what the remote side said instead of "socket hang up".
 *
 * Also answers the net.Socket calls Node's HTTP client and agent make (as no-ops).
 */
export class ChannelSocket extends Duplex {
  private stderr = "";
  private exitCode: number | undefined;
  private remoteEnded = false;
  /** Set once the channel has closed after a failed command. */
  failure: Error | undefined;

  constructor(
    private readonly channel: Channel,
    failure: (exitCode: number, stderr: string) => Error,
  ) {
    super({ allowHalfOpen: false });
    // Errors reach the HTTP request through its own listener, or (before it has the socket) the
    // caller through `failure`: never an uncaught 'error' event.
    this.on("error", () => {});
    channel.on("data", (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on("data", (chunk: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += chunk.toString("utf8");
    });
    channel.on("exit", (code: number | null) => {
      if (typeof code === "number") this.exitCode = code;
    });
    channel.on("end", () => {
      this.remoteEnded = true;
    });
    channel.on("error", (error: Error) => this.destroy(error));
    channel.on("close", () => {
      if (this.exitCode !== undefined && this.exitCode !== 0) {
        this.failure = failure(this.exitCode, this.stderr);
        this.destroy(this.failure);
      } else {
        this.push(null);
        this.end();
      }
    });
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // ssh2 drops writes to a closed channel without calling back: the request would hang.
    const state = (this.channel as unknown as { outgoing?: { state?: string } }).outgoing?.state;
    if (this.remoteEnded || (state !== undefined && state !== "open")) {
      callback(Object.assign(new Error("the ssh channel to the engine closed"), { code: "ECONNRESET" }));
      return;
    }
    this.channel.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.channel.close();
    callback(error);
  }

  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}
