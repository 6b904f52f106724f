import { existsSync, readFileSync } from "node:fs";
import { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { AnyAuthMethod, Client, ConnectConfig, ParsedKey, ServerHostKeyAlgorithm } from "ssh2";
import ssh2 from "ssh2";
import { ChannelSocket } from "./channel-socket.js";
import { ConnectionError } from "./connection-error.js";
import { checkHostKey, hostKeyAlgorithmsFor, knownKeyTypes, loadKnownHosts } from "./known-hosts.js";
import { dialStdioFailed, hostKeyRejected, sshCommand, sshFailure } from "./ssh-errors.js";
import type { SshTarget } from "./ssh-target.js";

/**
 * One ssh connection for a whole command. Every HTTP connection to the engine is a channel on it
 * running `docker system dial-stdio` on the remote host (what the docker CLI does for ssh://),
 * so the engine sees an ordinary API client and no port is exposed.
 *
 * The host key must be in known_hosts: an unknown, changed or revoked key is refused with the
 * fingerprint, never accepted. The TCP socket holds the process open only while a channel is in
 * use; `dispose()` closes everything.
 */
export class SshSession {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private socket: Socket | undefined;
  private holds = 0;
  private disposed = false;

  constructor(
    readonly target: SshTarget,
    readonly endpoint: string,
  ) {}

  /** A new channel to the remote engine, as an HTTP connection's socket. The caller owns it until it closes. */
  async openStream(): Promise<Duplex> {
    if (this.disposed) {
      throw new ConnectionError(
        `the ssh connection to ${this.endpoint} is closed`,
        "this is a bug in Stackform",
      );
    }
    const client = await this.connect();
    const socket = await new Promise<ChannelSocket>((resolve, reject) => {
      client.exec(this.dialCommand(), (error, channel) => {
        if (error && LOST.test(error.message)) return reject(this.lost(client, error));
        if (error) return reject(sshFailure(error, this.target, this.endpoint));
        // Synchronously: the command may fail and close in the same packet as the channel opened.
        resolve(
          new ChannelSocket(channel, (code, stderr) =>
            dialStdioFailed(this.target, this.endpoint, code, stderr),
          ),
        );
      });
    });
    // Failed before the HTTP client even got it: fail its connection attempt instead.
    if (socket.failure) throw socket.failure;
    return socket;
  }

  /**
   * The session was up and its connection went away under it (a cut network, a killed sshd): a
   * transport loss like a reset socket (ECONNRESET), so the applier reports it once as "the engine
   * connection was lost" instead of a raw "Not connected" per operation. A later call reconnects.
   */
  private lost(client: Client, error: Error): Error {
    if (this.client === client) this.client = undefined;
    return Object.assign(new Error(`the ssh connection to ${this.endpoint} was lost (${error.message})`), {
      code: "ECONNRESET",
      cause: error,
    });
  }

  /** Counts channels in use: while none is, the ssh connection does not keep the process alive. */
  hold(): void {
    this.holds++;
    this.socket?.ref();
  }

  release(): void {
    this.holds = Math.max(0, this.holds - 1);
    if (this.holds === 0) this.socket?.unref();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    if (client) {
      // Held open (not unref'd) until closed: otherwise the process may exit with this still pending.
      this.socket?.ref();
      await new Promise<void>((resolve) => {
        const done = setTimeout(resolve, 1000);
        client.once("close", () => {
          clearTimeout(done);
          resolve();
        });
        client.end();
      });
    }
    this.socket?.destroy();
  }

  private dialCommand(): string {
    const host = this.target.remoteSocket
      ? ` --host ${shellQuote(`unix://${this.target.remoteSocket}`)}`
      : "";
    return `docker${host} system dial-stdio`;
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.handshake().then(
      (client) => {
        this.client = client;
        this.connecting = undefined;
        return client;
      },
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }

  private handshake(): Promise<Client> {
    const { target, endpoint } = this;
    const knownHosts = loadKnownHosts(target.knownHostsFiles);
    const authHandler = authMethods(target);
    if (authHandler.length === 0) {
      return Promise.reject(
        new ConnectionError(
          `no ssh key to log in to ${target.host} as ${target.user} (${endpoint}): no ssh-agent (SSH_AUTH_SOCK) and none of ${target.identityFiles.join(", ")} is a usable key`,
          "start ssh-agent and `ssh-add` your key, or set IdentityFile in ~/.ssh/config (keys with a passphrase must be in the agent)",
        ),
      );
    }

    return new Promise<Client>((resolve, reject) => {
      const client = new ssh2.Client();
      const socket = new Socket();
      this.socket = socket;
      let refusal: ConnectionError | undefined;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        reject(refusal ?? (error instanceof ConnectionError ? error : sshFailure(error, target, endpoint)));
      };

      client.once("ready", () => {
        settled = true;
        if (this.holds === 0) socket.unref();
        resolve(client);
      });
      client.on("error", fail);
      client.once("close", () => {
        fail(
          new ConnectionError(
            `the ssh connection to ${target.host}:${target.port} closed during the handshake (${endpoint})`,
            `\`${sshCommand(target)}\` must connect from here`,
          ),
        );
        if (this.client === client) this.client = undefined;
      });

      const config: ConnectConfig = {
        sock: socket,
        host: target.host,
        port: target.port,
        username: target.user,
        readyTimeout: target.connectTimeoutMs,
        authHandler,
        hostVerifier: (key: Buffer) => {
          const check = checkHostKey(knownHosts, target.knownHostName, key);
          if (check.status === "known") return true;
          refusal = hostKeyRejected(check, target, key);
          return false;
        },
      };
      // Ask for a host key of a type known_hosts has for this host, as ssh does.
      const algorithms = hostKeyAlgorithmsFor(knownKeyTypes(knownHosts, target.knownHostName));
      if (algorithms.length > 0)
        config.algorithms = { serverHostKey: algorithms as ServerHostKeyAlgorithm[] };
      socket.once("error", fail);
      socket.connect({ host: target.host, port: target.port });
      client.connect(config);
    });
  }
}

/** ssh-agent first (it may hold passphrase-protected keys), then each readable, unencrypted key file. */
function authMethods(target: SshTarget): AnyAuthMethod[] {
  const username = target.user;
  const methods: AnyAuthMethod[] = [];
  if (target.agentSocket && existsSync(target.agentSocket))
    methods.push({ type: "agent", username, agent: target.agentSocket });
  for (const file of target.identityFiles) {
    const key = readPrivateKey(file);
    if (key) methods.push({ type: "publickey", username, key });
  }
  return methods;
}

function readPrivateKey(file: string): ParsedKey | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const parsed = ssh2.utils.parseKey(data);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key && !(key instanceof Error) && key.isPrivateKey() ? key : undefined;
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** What ssh2 says when a channel is asked of a connection that is gone. */
const LOST = /not connected|no response from server/i;
