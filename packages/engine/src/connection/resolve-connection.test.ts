import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent as HttpsAgent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectionError } from "./connection-error.js";
import { type ConnectionFlags, type ResolvedConnection, resolveConnection } from "./resolve-connection.js";
import { SshHttpAgent } from "./ssh-http-agent.js";

let root: string;
let home: string;
let config: string;
const opened: ResolvedConnection[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "stackform-connection-"));
  home = join(root, "home");
  config = join(home, ".docker");
  mkdirSync(config, { recursive: true });
});
afterEach(async () => {
  for (const connection of opened.splice(0)) await connection.dispose?.();
  rmSync(root, { recursive: true, force: true });
});

/** A clean environment: nothing inherited from the machine running the tests. */
const envWith = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  HOME: home,
  USER: "me",
  ...vars,
});

async function resolve(
  flags: ConnectionFlags,
  vars: Record<string, string> = {},
): Promise<ResolvedConnection> {
  const connection = await resolveConnection(flags, envWith(vars));
  opened.push(connection);
  return connection;
}

async function failure(flags: ConnectionFlags, vars: Record<string, string> = {}): Promise<ConnectionError> {
  try {
    await resolve(flags, vars);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectionError);
    return error as ConnectionError;
  }
  throw new Error("expected a ConnectionError");
}

function writeTls(dir: string, files: Partial<Record<"ca" | "cert" | "key", string>>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, `${name}.pem`), content);
}

/** What `docker context create NAME --docker host=…,ca=…` writes. */
function writeContext(
  name: string,
  host: string,
  options: {
    skipTlsVerify?: boolean;
    tls?: Partial<Record<"ca" | "cert" | "key", string>>;
    dir?: string;
  } = {},
): void {
  const id = createHash("sha256").update(name).digest("hex");
  const base = options.dir ?? config;
  mkdirSync(join(base, "contexts", "meta", id), { recursive: true });
  writeFileSync(
    join(base, "contexts", "meta", id, "meta.json"),
    JSON.stringify({
      Name: name,
      Metadata: {},
      Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipTlsVerify ?? false } },
    }),
  );
  if (options.tls) writeTls(join(base, "contexts", "tls", id, "docker"), options.tls);
}

const useContext = (name: string, dir = config) =>
  writeFileSync(join(dir, "config.json"), JSON.stringify({ auths: {}, currentContext: name }));

describe("resolveConnection: precedence", () => {
  it("uses the local socket when nothing says otherwise", async () => {
    expect(await resolve({})).toEqual({
      endpoint: "unix:///var/run/docker.sock",
      options: { socketPath: "/var/run/docker.sock" },
    });
  });

  it("takes -H over DOCKER_HOST, DOCKER_CONTEXT and the current context", async () => {
    writeContext("ctx", "tcp://10.0.0.9:2375");
    useContext("ctx");
    const connection = await resolve(
      { host: "unix:///run/other.sock" },
      { DOCKER_HOST: "tcp://10.0.0.1:2375", DOCKER_CONTEXT: "ctx" },
    );
    expect(connection.endpoint).toBe("unix:///run/other.sock");
  });

  it("takes --context over an inherited DOCKER_HOST, as the docker CLI does", async () => {
    writeContext("ctx", "tcp://10.0.0.9:2375");
    const connection = await resolve({ context: "ctx" }, { DOCKER_HOST: "tcp://10.0.0.1:2375" });
    expect(connection.endpoint).toBe("tcp://10.0.0.9:2375");
  });

  it("takes DOCKER_HOST over DOCKER_CONTEXT and the current context", async () => {
    writeContext("ctx", "tcp://10.0.0.9:2375");
    useContext("ctx");
    const connection = await resolve({}, { DOCKER_HOST: "tcp://10.0.0.1", DOCKER_CONTEXT: "ctx" });
    expect(connection).toEqual({
      endpoint: "tcp://10.0.0.1:2375",
      options: { protocol: "http", host: "10.0.0.1", port: 2375 },
    });
  });

  it("takes DOCKER_CONTEXT over the current context", async () => {
    writeContext("one", "tcp://10.0.0.1:2375");
    writeContext("two", "tcp://10.0.0.2:2375");
    useContext("one");
    expect((await resolve({}, { DOCKER_CONTEXT: "two" })).endpoint).toBe("tcp://10.0.0.2:2375");
    expect((await resolve({})).endpoint).toBe("tcp://10.0.0.1:2375");
  });

  it("reads contexts from $DOCKER_CONFIG instead of ~/.docker", async () => {
    const elsewhere = join(root, "docker-config");
    mkdirSync(elsewhere);
    writeContext("remote", "tcp://10.0.0.7:2375", { dir: elsewhere });
    useContext("remote", elsewhere);
    expect((await resolve({}, { DOCKER_CONFIG: elsewhere })).endpoint).toBe("tcp://10.0.0.7:2375");
  });

  it("treats context default as DOCKER_HOST, else the local socket", async () => {
    useContext("default");
    expect((await resolve({})).endpoint).toBe("unix:///var/run/docker.sock");
    expect((await resolve({ context: "default" })).endpoint).toBe("unix:///var/run/docker.sock");
    expect((await resolve({ context: "default" }, { DOCKER_HOST: "unix:///run/x.sock" })).endpoint).toBe(
      "unix:///run/x.sock",
    );
  });

  it("refuses -H together with --context", async () => {
    const error = await failure({ host: "unix:///run/x.sock", context: "ctx" });
    expect(error.message).toBe("conflicting options: -H/--host and --context both name an engine");
  });
});

describe("resolveConnection: contexts", () => {
  it("names an unknown context and points at docker context ls", async () => {
    const error = await failure({ context: "nope" });
    expect(error.message).toContain('docker context "nope" does not exist');
    expect(error.hint).toContain("docker context ls");
  });

  it("names an unknown current context too", async () => {
    useContext("gone");
    const error = await failure({}, { DOCKER_CONTEXT: "" });
    expect(error.message).toContain('docker context "gone" does not exist');
  });

  it("connects with the context's TLS files, on port 2376 by default", async () => {
    writeContext("secure", "tcp://engine.lan", { tls: { ca: "CA", cert: "CERT", key: "KEY" } });
    const connection = await resolve({ context: "secure" });
    expect(connection.endpoint).toBe("tcp://engine.lan:2376");
    expect(connection.options).toEqual({
      protocol: "https",
      host: "engine.lan",
      port: 2376,
      ca: Buffer.from("CA"),
      cert: Buffer.from("CERT"),
      key: Buffer.from("KEY"),
    });
    expect(connection.dispose).toBeUndefined();
  });

  it("uses TLS without verification only when the context says SkipTLSVerify", async () => {
    writeContext("lab", "tcp://10.0.0.3:2376", { skipTlsVerify: true });
    const connection = await resolve({ context: "lab" });
    expect(connection.options.protocol).toBe("https");
    expect(connection.options.agent).toBeInstanceOf(HttpsAgent);
    expect((connection.options.agent as HttpsAgent).options.rejectUnauthorized).toBe(false);
    expect(connection.dispose).toBeTypeOf("function");
  });

  it("uses plain TCP for a context without TLS files, on port 2375", async () => {
    writeContext("plain", "tcp://10.0.0.3");
    expect((await resolve({ context: "plain" })).options).toEqual({
      protocol: "http",
      host: "10.0.0.3",
      port: 2375,
    });
  });

  it("refuses a context whose client certificate has no key", async () => {
    writeContext("half", "tcp://10.0.0.3", { tls: { ca: "CA", cert: "CERT" } });
    const error = await failure({ context: "half" });
    expect(error.message).toMatch(/TLS is on but .*key\.pem does not exist/);
    expect(error.hint).toContain("docker context create half");
  });

  it("reports a broken config.json", async () => {
    writeFileSync(join(config, "config.json"), "{ nope");
    const error = await failure({});
    expect(error.message).toContain("config.json is not valid JSON");
  });

  it("reports a context without a docker endpoint", async () => {
    writeContext("empty", "");
    expect((await failure({ context: "empty" })).message).toContain(
      'docker context "empty" has no Docker endpoint',
    );
  });
});

describe("resolveConnection: DOCKER_HOST and TLS from the environment", () => {
  it("uses DOCKER_CERT_PATH's ca.pem, cert.pem and key.pem when DOCKER_TLS_VERIFY is set", async () => {
    const certs = join(root, "certs");
    writeTls(certs, { ca: "CA", cert: "CERT", key: "KEY" });
    const connection = await resolve(
      {},
      { DOCKER_HOST: "tcp://10.0.0.5", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certs },
    );
    expect(connection.endpoint).toBe("tcp://10.0.0.5:2376");
    expect(connection.options).toEqual({
      protocol: "https",
      host: "10.0.0.5",
      port: 2376,
      ca: Buffer.from("CA"),
      cert: Buffer.from("CERT"),
      key: Buffer.from("KEY"),
    });
  });

  it("applies the TLS environment to -H as well", async () => {
    const certs = join(root, "certs");
    writeTls(certs, { ca: "CA", cert: "CERT", key: "KEY" });
    const connection = await resolve(
      { host: "tcp://10.0.0.5:12376" },
      { DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certs },
    );
    expect(connection.options).toMatchObject({ protocol: "https", port: 12376, ca: Buffer.from("CA") });
  });

  it("reads the TLS files from ~/.docker when DOCKER_CERT_PATH is not set", async () => {
    writeTls(config, { ca: "HOME-CA", cert: "CERT", key: "KEY" });
    const connection = await resolve({}, { DOCKER_HOST: "tcp://10.0.0.5", DOCKER_TLS_VERIFY: "1" });
    expect(connection.options.ca).toEqual(Buffer.from("HOME-CA"));
  });

  it("treats an explicit DOCKER_CERT_PATH as asking for verified TLS", async () => {
    const certs = join(root, "certs");
    writeTls(certs, { ca: "CA", cert: "CERT", key: "KEY" });
    const connection = await resolve({}, { DOCKER_HOST: "tcp://10.0.0.5", DOCKER_CERT_PATH: certs });
    expect(connection.options).toMatchObject({ protocol: "https", port: 2376 });
    expect(connection.options.agent).toBeUndefined();
  });

  it("never falls back to plain text when the CA is missing", async () => {
    const certs = join(root, "empty-certs");
    mkdirSync(certs);
    const error = await failure(
      {},
      { DOCKER_HOST: "tcp://10.0.0.5", DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certs },
    );
    expect(error.message).toBe(`TLS is on but ${join(certs, "ca.pem")} does not exist`);
    expect(error.hint).toContain("DOCKER_CERT_PATH");
  });

  it("uses unverified TLS for DOCKER_TLS without DOCKER_TLS_VERIFY", async () => {
    const connection = await resolve({}, { DOCKER_HOST: "tcp://10.0.0.5", DOCKER_TLS: "1" });
    expect(connection.options.protocol).toBe("https");
    expect((connection.options.agent as HttpsAgent).options.rejectUnauthorized).toBe(false);
  });

  it("ignores the TLS environment for unix sockets", async () => {
    const connection = await resolve({}, { DOCKER_HOST: "unix:///run/x.sock", DOCKER_TLS_VERIFY: "1" });
    expect(connection.options).toEqual({ socketPath: "/run/x.sock" });
  });

  it("says which setting holds a bad address", async () => {
    expect((await failure({}, { DOCKER_HOST: "npipe:////./pipe/docker" })).message).toContain(
      "DOCKER_HOST is not a valid",
    );
    writeContext("bad", "fd://");
    expect((await failure({ context: "bad" })).message).toContain(
      'context "bad" (from --context) is not a valid',
    );
  });
});

describe("resolveConnection: ssh", () => {
  it("gives an HTTP agent over one ssh session, and a dispose that closes it", async () => {
    const connection = await resolve(
      {},
      { DOCKER_HOST: "ssh://deploy@10.0.0.5:2222", SSH_AUTH_SOCK: "/tmp/agent" },
    );
    expect(connection.endpoint).toBe("ssh://deploy@10.0.0.5:2222");
    expect(connection.options).toMatchObject({ protocol: "http", host: "10.0.0.5", port: 2222 });
    expect(connection.options.agent).toBeInstanceOf(SshHttpAgent);
    expect(connection.dispose).toBeTypeOf("function");
  });

  it("resolves a ~/.ssh/config alias given in a context", async () => {
    mkdirSync(join(home, ".ssh"));
    writeFileSync(join(home, ".ssh", "config"), "Host build\n  HostName 10.0.0.8\n  Port 2200\n");
    writeContext("build", "ssh://build");
    const connection = await resolve({ context: "build" });
    expect(connection.endpoint).toBe("ssh://build");
    expect(connection.options).toMatchObject({ host: "10.0.0.8", port: 2200 });
  });
});
