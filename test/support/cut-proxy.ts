import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy on 127.0.0.1 in front of a remote engine's port (the TLS engine, or the sshd that
 * dials it), which a test can cut as a network does: `cut()` resets every open connection and
 * resets new ones until `restore()`. It forwards bytes only, so TLS and ssh run end to end
 * through it: the client still verifies the engine's certificate or the ssh host key.
 */
export interface CutProxy {
  port: number;
  /** Connections accepted so far, to prove the cut hit live traffic. */
  connections(): number;
  /** Resets (RST) every connection and refuses new ones the same way. */
  cut(): void;
  restore(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startCutProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<CutProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  let down = false;
  const reset = (socket: Socket) => socket.resetAndDestroy();

  const server = createServer((client) => {
    if (down) return reset(client);
    accepted++;
    const upstream = connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const close = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", close);
    upstream.on("error", close);
    client.on("close", close);
    upstream.on("close", close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    port,
    connections: () => accepted,
    cut() {
      down = true;
      for (const socket of [...open]) reset(socket);
      open.clear();
    },
    restore() {
      down = false;
    },
    async [Symbol.asyncDispose]() {
      for (const socket of [...open]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
