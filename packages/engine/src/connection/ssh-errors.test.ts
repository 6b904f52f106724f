import { describe, expect, it } from "vitest";
import { parseKnownHosts } from "./known-hosts.js";
import { hostKeyRejected, sshFailure } from "./ssh-errors.js";
import type { SshTarget } from "./ssh-target.js";

const KEY = Buffer.from("AAAAC3NzaC1lZDI1NTE5AAAAIFVmaFrtrsiNaDvEDtS0Mw+lZWCstsai/8JHeberVnqj", "base64");
const target: SshTarget = {
  alias: "prod",
  host: "10.0.0.5",
  port: 2222,
  user: "deploy",
  identityFiles: [],
  knownHostsFiles: ["/home/me/.ssh/known_hosts"],
  knownHostName: "[10.0.0.5]:2222",
  connectTimeoutMs: 20_000,
};

describe("ssh errors", () => {
  it("refuses an unknown host with its fingerprint and how to add it", () => {
    const error = hostKeyRejected({ status: "unknown" }, target, KEY);
    expect(error.message).toBe(
      "the ssh host key of [10.0.0.5]:2222 is not in known_hosts (it presented ssh-ed25519 SHA256:QGebJgFoYtj4KSAe15vVn2/G5ku94j4OxRzStiRmIoM); refusing to connect to an unverified host",
    );
    expect(error.hint).toContain("ssh-keyscan -p 2222 10.0.0.5 >> ~/.ssh/known_hosts");
    expect(error.hint).toContain("ssh -p 2222 deploy@prod");
  });

  it("refuses a changed key, naming the known_hosts line", () => {
    const entries = parseKnownHosts("[10.0.0.5]:2222 ssh-ed25519 AAAA", "/home/me/.ssh/known_hosts");
    const error = hostKeyRejected({ status: "changed", entries }, target, KEY);
    expect(error.message).toContain("has changed");
    expect(error.message).toContain("/home/me/.ssh/known_hosts:1");
    expect(error.message).toContain("someone may be intercepting the connection");
    expect(error.hint).toContain('ssh-keygen -R "[10.0.0.5]:2222"');
  });

  it("maps ssh2's failures by stage", () => {
    const auth = Object.assign(new Error("All configured authentication methods failed"), {
      level: "client-authentication",
    });
    expect(sshFailure(auth, target, "ssh://prod").message).toBe(
      "ssh authentication as deploy to 10.0.0.5:2222 failed (ssh://prod)",
    );
    const timeout = Object.assign(new Error("Timed out while waiting for handshake"), {
      level: "client-timeout",
    });
    expect(sshFailure(timeout, target, "ssh://prod").message).toContain("timed out");
    const refused = Object.assign(new Error("connect ECONNREFUSED"), {
      code: "ECONNREFUSED",
      level: "client-socket",
    });
    expect(sshFailure(refused, target, "ssh://prod").message).toBe(
      "ssh connection to deploy@10.0.0.5:2222 was refused (ssh://prod)",
    );
  });
});
