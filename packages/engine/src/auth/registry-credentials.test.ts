import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allCredentials, credentialsFor } from "./registry-credentials.js";
import { DOCKER_HUB_SERVER, registryOf } from "./registry-host.js";

describe("registryOf", () => {
  it.each([
    ["nginx", DOCKER_HUB_SERVER],
    ["library/nginx:1.25", DOCKER_HUB_SERVER],
    ["docker.io/acme/api:2", DOCKER_HUB_SERVER],
    ["127.0.0.1:5000/app:1", "127.0.0.1:5000"],
    ["localhost/app", "localhost"],
    ["ghcr.io/acme/api@sha256:abc", "ghcr.io"],
  ])("%s pulls from %s", (ref, server) => expect(registryOf(ref)).toBe(server));
});

describe("credentials as the docker CLI stores them", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "stackform-auth-"));
    mkdirSync(join(dir, "bin"));
    env = { PATH: `${join(dir, "bin")}:${process.env.PATH}`, DOCKER_CONFIG: dir };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = (value: unknown) => writeFileSync(join(dir, "config.json"), JSON.stringify(value));
  /** A credential helper speaking the protocol: `get` reads the server from stdin. */
  const helper = (name: string, script: string) => {
    const path = join(dir, "bin", `docker-credential-${name}`);
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
  };

  it("reads `auths` by host, whatever scheme or path the key was written with", async () => {
    const auth = Buffer.from("alice:s3cret").toString("base64");
    config({ auths: { "https://127.0.0.1:5000/v2/": { auth } } });
    expect(await credentialsFor("127.0.0.1:5000", env)).toEqual({
      serveraddress: "127.0.0.1:5000",
      username: "alice",
      password: "s3cret",
    });
    expect(await credentialsFor("ghcr.io", env)).toBeUndefined();
  });

  it("has no credentials without a config file", async () => {
    expect(await credentialsFor(DOCKER_HUB_SERVER, env)).toBeUndefined();
  });

  it("asks the registry's credHelper before credsStore, and falls back to auths when a store has nothing", async () => {
    helper(
      "per-host",
      `read server; echo "{\\"ServerURL\\":\\"$server\\",\\"Username\\":\\"bob\\",\\"Secret\\":\\"pw-$server\\"}"`,
    );
    helper("store", `echo "credentials not found in native keychain"; exit 1`);
    const auth = Buffer.from("carol:x").toString("base64");
    config({
      credsStore: "store",
      credHelpers: { "reg.example:5000": "per-host" },
      auths: { "other.example": { auth } },
    });
    expect(await credentialsFor("reg.example:5000", env)).toEqual({
      serveraddress: "reg.example:5000",
      username: "bob",
      password: "pw-reg.example:5000",
    });
    expect(await credentialsFor("other.example", env)).toMatchObject({ username: "carol", password: "x" });
  });

  it("passes an identity token on as one", async () => {
    helper("tok", `echo '{"Username":"<token>","Secret":"refresh-123"}'`);
    config({ credsStore: "tok" });
    expect(await credentialsFor("ghcr.io", env)).toEqual({
      serveraddress: "ghcr.io",
      identitytoken: "refresh-123",
    });
  });

  it("lists every registry for a build, from auths, credHelpers and the store's list", async () => {
    helper(
      "store",
      `if [ "$1" = list ]; then echo '{"ghcr.io":"dan"}'; else echo '{"Username":"dan","Secret":"d"}'; fi`,
    );
    config({
      credsStore: "store",
      auths: { "127.0.0.1:5000": { auth: Buffer.from("e:f").toString("base64") } },
    });
    const all = await allCredentials(env);
    expect(Object.keys(all).sort()).toEqual(["127.0.0.1:5000", "ghcr.io"]);
  });

  it("fails, naming the helper, when a configured helper is missing or breaks", async () => {
    config({ credsStore: "absent" });
    await expect(credentialsFor("ghcr.io", env)).rejects.toThrow(/docker-credential-absent is not on PATH/);
    helper("broken", `echo "keychain locked" >&2; exit 1`);
    config({ credsStore: "broken" });
    await expect(credentialsFor("ghcr.io", env)).rejects.toThrow(
      /docker-credential-broken get ghcr.io failed: keychain locked/,
    );
  });

  it("says which file is broken when config.json is not JSON", async () => {
    writeFileSync(join(dir, "config.json"), "{ nope");
    await expect(credentialsFor("ghcr.io", env)).rejects.toThrow(/config\.json is not valid JSON/);
  });
});
