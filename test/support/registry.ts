import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A Distribution registry (Debian's docker-registry) with htpasswd basic auth, on 127.0.0.1 by
 * default. The engine treats 127.0.0.0/8 registries as insecure-allowed, so it pulls over plain HTTP.
 */
export interface TestRegistry {
  /** `ADDRESS:PORT`. */
  host: string;
  /** Writes a docker CLI config folder whose `auths` hold these credentials; returns its path. */
  cliConfig(user: string, password: string): string;
  /**
   * The environment of a user whose config.json names a credential helper for this registry
   * (`credHelpers`), with that helper (`docker-credential-stackformtest`) on PATH.
   */
  helperEnv(user: string, password: string): Record<string, string>;
  /** Tags a local image into the registry and pushes it, as a user who is logged in. */
  push(localImage: string, repository: string): string;
  stop(): Promise<void>;
}

export const REGISTRY_USER = "stackform";
export const REGISTRY_PASSWORD = "registry-pw-5e1d0c";

/**
 * `address`: where it listens, 127.0.0.1 unless given (the Swarm rig's nodes reach the host as
 * 10.231.0.1, which their engines treat as insecure-allowed: scripts/swarm-rig.sh).
 */
export async function startRegistry(address = "127.0.0.1"): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "stackform-registry-"));
  const port = await freePort(address);
  const host = `${address}:${port}`;
  writeFileSync(
    join(dir, "htpasswd"),
    execFileSync("htpasswd", ["-Bbn", REGISTRY_USER, REGISTRY_PASSWORD], { encoding: "utf8" }),
  );
  writeFileSync(
    join(dir, "config.yml"),
    [
      "version: 0.1",
      "log: { level: error }",
      `storage: { filesystem: { rootdirectory: ${join(dir, "data")} } }`,
      `http: { addr: "${host}" }`,
      `auth: { htpasswd: { realm: stackform-test, path: ${join(dir, "htpasswd")} } }`,
      "",
    ].join("\n"),
  );
  const child = spawn("docker-registry", ["serve", join(dir, "config.yml")], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await waitUntilUp(host, child);

  const cliConfig = (user: string, password: string) => {
    const configDir = mkdtempSync(join(dir, "cli-"));
    const auth = Buffer.from(`${user}:${password}`).toString("base64");
    writeFileSync(join(configDir, "config.json"), JSON.stringify({ auths: { [host]: { auth } } }));
    return configDir;
  };
  const helperEnv = (user: string, password: string) => {
    const configDir = mkdtempSync(join(dir, "cli-"));
    mkdirSync(join(configDir, "bin"));
    const helper = join(configDir, "bin", "docker-credential-stackformtest");
    const answer = JSON.stringify({ ServerURL: host, Username: user, Secret: password });
    writeFileSync(helper, `#!/bin/sh\nread server\n[ "$server" = "${host}" ] || exit 1\necho '${answer}'\n`);
    chmodSync(helper, 0o755);
    writeFileSync(
      join(configDir, "config.json"),
      JSON.stringify({ credHelpers: { [host]: "stackformtest" } }),
    );
    return { DOCKER_CONFIG: configDir, PATH: `${join(configDir, "bin")}:${process.env.PATH ?? ""}` };
  };
  const pusher = cliConfig(REGISTRY_USER, REGISTRY_PASSWORD);
  return {
    host,
    cliConfig,
    helperEnv,
    push(localImage, repository) {
      const ref = `${host}/${repository}`;
      execFileSync("docker", ["tag", localImage, ref]);
      execFileSync("docker", ["--config", pusher, "push", ref], { stdio: "ignore" });
      execFileSync("docker", ["rmi", ref], { stdio: "ignore" });
      return ref;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilUp(host: string, child: ReturnType<typeof spawn>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode} at start-up`);
    // An unauthenticated /v2/ answers 401 once the registry serves.
    const status = await new Promise<number | undefined>((resolve) =>
      get(`http://${host}/v2/`, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on("error", () => resolve(undefined)),
    );
    if (status === 401) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not answer on ${host} within 10 s`);
}

function freePort(address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, address, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
