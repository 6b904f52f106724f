import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSshConfig, parseSshConfig, resolveSshHostConfig } from "./ssh-config.js";

const CONFIG = `
# Global defaults come first in many configs.
Host prod prod.example.com
    HostName 10.0.0.5
    User deploy
    Port 2222
    IdentityFile ~/.ssh/prod_ed25519

Host *.lan !printer.lan
  User=lan-user
  IdentityFile "~/.ssh/lan key"

Match exec "true"
  User never-applied

Host *
  User fallback
  Port 22
  IdentityFile ~/.ssh/id_everywhere
  UserKnownHostsFile ~/.ssh/known_hosts ~/.ssh/known_hosts.d/%h
  IdentityAgent none
`;

describe("ssh_config", () => {
  const blocks = parseSshConfig(CONFIG);

  it("resolves an alias: the first value wins, IdentityFile accumulates", () => {
    expect(resolveSshHostConfig(blocks, "prod")).toEqual({
      hostName: "10.0.0.5",
      user: "deploy",
      port: 2222,
      identityFiles: ["~/.ssh/prod_ed25519", "~/.ssh/id_everywhere"],
      userKnownHostsFiles: ["~/.ssh/known_hosts", "~/.ssh/known_hosts.d/%h"],
      identityAgent: "none",
    });
  });

  it("matches Host patterns with * and negations, case-insensitively", () => {
    expect(resolveSshHostConfig(blocks, "Build.LAN")).toMatchObject({
      user: "lan-user",
      port: 22,
      identityFiles: ["~/.ssh/lan key", "~/.ssh/id_everywhere"],
    });
    expect(resolveSshHostConfig(blocks, "printer.lan").user).toBe("fallback");
    expect(resolveSshHostConfig(blocks, "elsewhere").hostName).toBeUndefined();
  });

  it("does not apply Match blocks it cannot evaluate, but applies Match all", () => {
    expect(resolveSshHostConfig(blocks, "x").user).toBe("fallback");
    const all = parseSshConfig("Match all\n  User everyone\n");
    expect(resolveSshHostConfig(all, "x").user).toBe("everyone");
  });

  it("applies options before the first Host to every host", () => {
    const config = parseSshConfig("Port 2200\nHost a\n  Port 2201\n");
    expect(resolveSshHostConfig(config, "a").port).toBe(2200);
  });

  it("reads ConnectTimeout and HostKeyAlias", () => {
    const config = parseSshConfig("Host a\n ConnectTimeout 5\n HostKeyAlias a-key\n");
    expect(resolveSshHostConfig(config, "a")).toMatchObject({
      connectTimeoutSeconds: 5,
      hostKeyAlias: "a-key",
    });
  });
});

describe("loadSshConfig", () => {
  let home: string | undefined;
  afterEach(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("splices Include files, keeping the including Host's scope around them", () => {
    home = mkdtempSync(join(tmpdir(), "stackform-sshconfig-"));
    const sshDir = join(home, ".ssh");
    mkdirSync(join(sshDir, "config.d"), { recursive: true });
    writeFileSync(join(sshDir, "config.d", "10-work"), "Host work\n  HostName work.example.com\n");
    writeFileSync(join(sshDir, "config.d", "20-home"), "Host nas\n  HostName 192.168.1.2\n");
    writeFileSync(join(sshDir, "db-user"), "User dba\n");
    writeFileSync(
      join(sshDir, "config"),
      "Include config.d/*\nHost db\n  Include db-user\n  Port 5022\nHost *\n  User me\n",
    );
    const blocks = loadSshConfig(join(sshDir, "config"), sshDir, home);
    expect(resolveSshHostConfig(blocks, "work")).toMatchObject({ hostName: "work.example.com", user: "me" });
    expect(resolveSshHostConfig(blocks, "nas").hostName).toBe("192.168.1.2");
    expect(resolveSshHostConfig(blocks, "db")).toMatchObject({ user: "dba", port: 5022 });
    expect(resolveSshHostConfig(blocks, "other").user).toBe("me");
  });

  it("treats a missing config as empty", () => {
    expect(loadSshConfig("/nonexistent/.ssh/config", "/nonexistent/.ssh", "/nonexistent")).toEqual([]);
  });
});
