import { Agent, type ClientRequest, type ClientRequestArgs } from "node:http";
import type { Duplex } from "node:stream";
import type { SshSession } from "./ssh-session.js";

/**
 * sshd allows 10 sessions per connection by default (MaxSessions); stay under it so parallel
 * requests queue in the agent instead of failing on the server.
 */
const MAX_CHANNELS = 8;

/**
 * An HTTP agent whose connections are channels of one ssh session. Keep-alive reuses a channel
 * (one remote `docker system dial-stdio`) for request after request.
 */
export class SshHttpAgent extends Agent {
  private readonly busy = new WeakMap<Duplex, boolean>();

  constructor(private readonly session: SshSession) {
    super({ keepAlive: true, maxSockets: MAX_CHANNELS, maxFreeSockets: MAX_CHANNELS });
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.session.hold();
    this.session.openStream().then(
      (stream) => {
        this.busy.set(stream, true);
        stream.once("close", () => {
          if (this.busy.get(stream)) this.session.release();
          this.busy.set(stream, false);
        });
        callback?.(null, stream);
      },
      (error: Error) => {
        this.session.release();
        callback?.(error, undefined as never);
      },
    );
    return undefined;
  }

  /** The request is done and the channel idles in the pool: it no longer holds the process open. */
  override keepSocketAlive(stream: Duplex): boolean {
    if (this.busy.get(stream)) {
      this.busy.set(stream, false);
      this.session.release();
    }
    return true;
  }

  override reuseSocket(stream: Duplex, _request: ClientRequest): void {
    if (!this.busy.get(stream)) {
      this.busy.set(stream, true);
      this.session.hold();
    }
  }
}
