import { describe, expect, it } from "vitest";
import { parseSshConfig } from "./ssh-config.js";
import { resolveSshTarget } from "./ssh-target.js";

const env = { HOME: "/home/me", USER: "me", SSH_AUTH_SOCK: "/tmp/agent.sock" };

const CONFIG = parseSshConfig(`
Host prod
  HostName 10.0.0.5
  User deploy
  Port 2222
  IdentityFile ~/.ssh/prod_%r_%h

Host jump-*
  HostName %h.example.com
  IdentityAgent none
  UserKnownHostsFile ~/.ssh/known_hosts.d/%h
  GlobalKnownHostsFile none
  HostKeyAlias jumpers
`);

describe("resolveSshTarget", () => {
  it("turns a Host alias into host, port, user and keys", () => {
    expect(resolveSshTarget({ kind: "ssh", host: "prod" }, env, CONFIG)).toEqual({
      alias: "prod",
      host: "10.0.0.5",
      port: 2222,
      user: "deploy",
      identityFiles: ["/home/me/.ssh/prod_deploy_10.0.0.5"],
      agentSocket: "/tmp/agent.sock",
      knownHostsFiles: [
        "/home/me/.ssh/known_hosts",
        "/home/me/.ssh/known_hosts2",
        "/etc/ssh/ssh_known_hosts",
        "/etc/ssh/ssh_known_hosts2",
      ],
      knownHostName: "[10.0.0.5]:2222",
      connectTimeoutMs: 20_000,
    });
  });

  it("lets the user and port in the address win over the config, as ssh does", () => {
    const target = resolveSshTarget({ kind: "ssh", host: "prod", user: "root", port: 22 }, env, CONFIG);
    expect(target).toMatchObject({ host: "10.0.0.5", user: "root", port: 22, knownHostName: "10.0.0.5" });
  });

  it("uses the default keys, the local user and port 22 for a host not in the config", () => {
    const target = resolveSshTarget(
      { kind: "ssh", host: "build.lan", socketPath: "/run/docker.sock" },
      env,
      CONFIG,
    );
    expect(target).toMatchObject({
      host: "build.lan",
      user: "me",
      port: 22,
      identityFiles: ["/home/me/.ssh/id_rsa", "/home/me/.ssh/id_ecdsa", "/home/me/.ssh/id_ed25519"],
      knownHostName: "build.lan",
      remoteSocket: "/run/docker.sock",
    });
  });

  it("expands %h in HostName and known_hosts paths, and honours IdentityAgent none and HostKeyAlias", () => {
    const target = resolveSshTarget({ kind: "ssh", host: "jump-1" }, env, CONFIG);
    expect(target.host).toBe("jump-1.example.com");
    expect(target.agentSocket).toBeUndefined();
    expect(target.knownHostsFiles).toEqual(["/home/me/.ssh/known_hosts.d/jump-1.example.com"]);
    expect(target.knownHostName).toBe("jumpers");
  });

  it("reads ~/.ssh/config from $HOME when not given blocks", () => {
    const target = resolveSshTarget({ kind: "ssh", host: "x" }, { HOME: "/nonexistent", USER: "u" });
    expect(target).toMatchObject({ host: "x", user: "u", port: 22 });
    expect(target.agentSocket).toBeUndefined();
  });
});
