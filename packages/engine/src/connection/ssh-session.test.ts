import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type Agent, createServer, type Server as HttpServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError } from "./connection-error.js";
import { explainConnectionFailure } from "./explain-connection-failure.js";
import { fingerprint } from "./known-hosts.js";
import { type ResolvedConnection, resolveConnection } from "./resolve-connection.js";

/**
 * An in-process sshd (ssh2's Server) whose `docker system dial-stdio` is a pipe to a small HTTP
 * server: the whole ssh path of resolveConnection without sshd or an engine.
 */
/**
 * An ed25519 key pair ssh2 can read back: now and then `generateKeyPairSync` writes a private key
 * its own `parseKey` refuses ("Malformed OpenSSH private key", 9 of 3000 here), which would fail a test for the fixture.
 */
function keyPair(): { private: string; public: string } {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519");
    const parsed = ssh2.utils.parseKey(pair.private);
    if (!(parsed instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

const hostKey = keyPair();
const otherHostKey = keyPair();
const clientKey = keyPair();
const allowed = ssh2.utils.parseKey(clientKey.public);
const publicBlob = (key: string) => Buffer.from(key.split(" ")[1] ?? "", "base64");

let http: HttpServer;
let sshd: InstanceType<typeof ssh2.Server>;
let sshPort: number;
const log = { connections: 0, closed: 0, commands: [] as string[] };

beforeAll(async () => {
  http = createServer((req, res) => res.end(req.url === "/_ping" ? "OK" : "?"));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const httpPort = (http.address() as AddressInfo).port;

  sshd = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    log.connections++;
    client.on("close", () => log.closed++);
    client.on("error", () => {});
    client.on("authentication", (ctx) => {
      if (ctx.method !== "publickey" || allowed instanceof Error) return ctx.reject(["publickey"]);
      const key = Array.isArray(allowed) ? allowed[0] : allowed;
      if (key && ctx.key.algo === key.type && ctx.key.data.equals(key.getPublicSSH())) return ctx.accept();
      ctx.reject(["publickey"]);
    });
    client.on("session", (accept) => {
      accept().on("exec", (acceptExec, _reject, info) => {
        log.commands.push(info.command);
        const stream = acceptExec();
        if (info.command !== "docker system dial-stdio") {
          stream.stderr.write(
            "Cannot connect to the Docker daemon at unix:///fail.sock. Is the docker daemon running?\n",
          );
          stream.exit(1);
          stream.end();
          return;
        }
        const upstream = connect(httpPort, "127.0.0.1");
        stream.pipe(upstream).pipe(stream);
        upstream.on("close", () => {
          stream.exit(0);
          stream.end();
        });
        stream.on("close", () => upstream.destroy());
      });
    });
  });
  await new Promise<void>((resolve) => sshd.listen(0, "127.0.0.1", resolve));
  sshPort = (sshd.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => sshd.close(resolve));
  await new Promise((resolve) => http.close(resolve));
});

let home: string;
const opened: ResolvedConnection[] = [];

function setUpHome(knownHostKey: string | undefined): void {
  home = mkdtempSync(join(tmpdir(), "stackform-ssh-session-"));
  mkdirSync(join(home, ".ssh"));
  writeFileSync(join(home, ".ssh", "id_ed25519"), clientKey.private, { mode: 0o600 });
  const line = knownHostKey
    ? `[127.0.0.1]:${sshPort} ${knownHostKey.split(" ").slice(0, 2).join(" ")}\n`
    : "";
  writeFileSync(join(home, ".ssh", "known_hosts"), line);
}

afterEach(async () => {
  for (const connection of opened.splice(0)) await connection.dispose?.();
  rmSync(home, { recursive: true, force: true });
  log.commands = [];
});

async function open(path = ""): Promise<ResolvedConnection> {
  const connection = await resolveConnection(
    { host: `ssh://tester@127.0.0.1:${sshPort}${path}` },
    { HOME: home, USER: "tester" },
  );
  opened.push(connection);
  return connection;
}

function get(connection: ResolvedConnection, path = "/_ping"): Promise<string> {
  const { host, port, agent } = connection.options;
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), path, agent: agent as Agent }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("ssh connections", () => {
  it("talks HTTP through docker system dial-stdio over one ssh connection", async () => {
    setUpHome(hostKey.public);
    const before = log.connections;
    const connection = await open();
    expect(await get(connection)).toBe("OK");
    expect(await get(connection)).toBe("OK");
    expect(await Promise.all([get(connection), get(connection), get(connection)])).toEqual([
      "OK",
      "OK",
      "OK",
    ]);
    expect(log.connections - before).toBe(1);
    // Keep-alive reuses channels: at most one per request in flight at once.
    expect(log.commands.length).toBeLessThanOrEqual(3);
    expect(new Set(log.commands)).toEqual(new Set(["docker system dial-stdio"]));
  });

  it("closes the ssh connection on dispose", async () => {
    setUpHome(hostKey.public);
    const connection = await open();
    await get(connection);
    const closedBefore = log.closed;
    await connection.dispose?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.closed - closedBefore).toBe(1);
  });

  it("refuses a host that is not in known_hosts, with its fingerprint", async () => {
    setUpHome(undefined);
    const connection = await open();
    const error = await get(connection).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    const message = (error as ConnectionError).message;
    expect(message).toContain(`the ssh host key of [127.0.0.1]:${sshPort} is not in known_hosts`);
    expect(message).toContain(fingerprint(publicBlob(hostKey.public)));
    expect((error as ConnectionError).hint).toContain(`ssh-keyscan -p ${sshPort} 127.0.0.1`);
    expect(explainConnectionFailure(error, connection.endpoint)).toBe(error);
    expect(log.commands).toEqual([]);
  });

  it("refuses a host whose key changed", async () => {
    setUpHome(otherHostKey.public);
    const connection = await open();
    const error = (await get(connection).catch((caught: unknown) => caught)) as ConnectionError;
    expect(error.name).toBe("ConnectionError");
    expect(error.message).toContain(`the ssh host key of [127.0.0.1]:${sshPort} has changed`);
    expect(error.message).not.toContain("\n");
    expect(error.hint).toContain(`ssh-keygen -R "[127.0.0.1]:${sshPort}"`);
    expect(log.commands).toEqual([]);
  });

  it("reports what dial-stdio said when it fails on the remote host", async () => {
    setUpHome(hostKey.public);
    const connection = await open("/fail.sock");
    const error = (await get(connection).catch((caught: unknown) => caught)) as ConnectionError;
    expect(log.commands).toEqual(["docker --host 'unix:///fail.sock' system dial-stdio"]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("Cannot connect to the Docker daemon at unix:///fail.sock");
  });

  it("says so when no key can log in", async () => {
    setUpHome(hostKey.public);
    rmSync(join(home, ".ssh", "id_ed25519"));
    const connection = await open();
    const error = (await get(connection).catch((caught: unknown) => caught)) as ConnectionError;
    expect(error.message).toContain("no ssh key to log in to 127.0.0.1 as tester");
    expect(error.hint).toContain("ssh-add");
  });

  it("reports a refused authentication", async () => {
    setUpHome(hostKey.public);
    writeFileSync(join(home, ".ssh", "id_ed25519"), keyPair().private);
    const connection = await open();
    const error = (await get(connection).catch((caught: unknown) => caught)) as ConnectionError;
    expect(error.message).toContain(`ssh authentication as tester to 127.0.0.1:${sshPort} failed`);
  });
});
