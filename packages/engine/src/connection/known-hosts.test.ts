import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkHostKey,
  entryMatchesHost,
  fingerprint,
  hostKeyAlgorithmsFor,
  keyTypeOf,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
} from "./known-hosts.js";

// Made with ssh-keygen -t ed25519 / -t rsa; the fingerprint is what `ssh-keygen -lf` printed.
const KEY_A = "AAAAC3NzaC1lZDI1NTE5AAAAIFVmaFrtrsiNaDvEDtS0Mw+lZWCstsai/8JHeberVnqj";
const KEY_A_FINGERPRINT = "SHA256:QGebJgFoYtj4KSAe15vVn2/G5ku94j4OxRzStiRmIoM";
const KEY_B = "AAAAC3NzaC1lZDI1NTE5AAAAIIctasUs2vT7v8uUx0gyHQUDdsh1a+DEVFsAbm9j4JVm";
const KEY_RSA =
  "AAAAB3NzaC1yc2EAAAADAQABAAAAgQCs5X3NV7NJvVOfx5eqoMyqL5nmS+GMBkc93EW+NKlWRbcDHx1rK+wZ3oXUWhjkkmeJ9q49VSvZwz4PeFkbddwrwMdaAin+g9txgwA0w3fnkxmzIZWPBqxi5pr5Em2KyRKxT1ZeAg/FVhIiklwbmU9/P3Gl6pyh0Tqm9TpDlrnA/Q==";
const blob = (base64: string) => Buffer.from(base64, "base64");

// `ssh-keygen -H` of "[10.0.0.5]:2222 …" and "prod.example.com …", both KEY_A.
const HASHED = `|1|nWS2704qt46ArmGTfzPm4pMfh0k=|ac2zwqM4nwDhpdIQYuX8QCGW8QM= ssh-ed25519 ${KEY_A}
|1|EfW6CIXrKYdS9UOeAvDJlZRdJlg=|aNYwWdCuvuqzzoDNT/iWAF2UjuI= ssh-ed25519 ${KEY_A}
`;

describe("known_hosts", () => {
  it("files hosts on port 22 by name and others as [host]:port", () => {
    expect(knownHostName("prod", 22)).toBe("prod");
    expect(knownHostName("127.0.0.1", 2222)).toBe("[127.0.0.1]:2222");
  });

  it("parses lines with markers, comments and blank lines, and remembers where each came from", () => {
    const entries = parseKnownHosts(
      `# comment\n\nprod,10.0.0.5 ssh-ed25519 ${KEY_A} me@laptop\n@revoked old ssh-ed25519 ${KEY_B}\n@cert-authority *.lan ssh-ed25519 ${KEY_B}\nbroken-line\n`,
      "/home/me/.ssh/known_hosts",
    );
    expect(
      entries.map(({ hosts, keyType, marker, location }) => ({ hosts, keyType, marker, location })),
    ).toEqual([
      {
        hosts: "prod,10.0.0.5",
        keyType: "ssh-ed25519",
        marker: undefined,
        location: "/home/me/.ssh/known_hosts:3",
      },
      { hosts: "old", keyType: "ssh-ed25519", marker: "revoked", location: "/home/me/.ssh/known_hosts:4" },
      {
        hosts: "*.lan",
        keyType: "ssh-ed25519",
        marker: "cert-authority",
        location: "/home/me/.ssh/known_hosts:5",
      },
    ]);
    expect(entries[0]?.key.equals(blob(KEY_A))).toBe(true);
  });

  it("matches host lists, [host]:port, wildcards and negations", () => {
    const [entry] = parseKnownHosts(`prod,[10.0.0.5]:2222,*.lan,!bad.lan ssh-ed25519 ${KEY_A}`);
    if (!entry) throw new Error("no entry");
    expect(entryMatchesHost(entry, "prod")).toBe(true);
    expect(entryMatchesHost(entry, "PROD")).toBe(true);
    expect(entryMatchesHost(entry, "[10.0.0.5]:2222")).toBe(true);
    expect(entryMatchesHost(entry, "10.0.0.5")).toBe(false);
    expect(entryMatchesHost(entry, "[prod]:2222")).toBe(false);
    expect(entryMatchesHost(entry, "build.lan")).toBe(true);
    expect(entryMatchesHost(entry, "bad.lan")).toBe(false);
  });

  it("matches hashed entries written by ssh-keygen -H", () => {
    const entries = parseKnownHosts(HASHED);
    expect(checkHostKey(entries, "[10.0.0.5]:2222", blob(KEY_A)).status).toBe("known");
    expect(checkHostKey(entries, "prod.example.com", blob(KEY_A)).status).toBe("known");
    expect(checkHostKey(entries, "10.0.0.5", blob(KEY_A)).status).toBe("unknown");
    expect(checkHostKey(entries, "[10.0.0.5]:2222", blob(KEY_B)).status).toBe("changed");
  });

  it("matches a hashed entry made with any salt", () => {
    const salt = Buffer.from("0123456789abcdefghij");
    const hash = createHmac("sha1", salt).update("[127.0.0.1]:40022").digest("base64");
    const entries = parseKnownHosts(`|1|${salt.toString("base64")}|${hash} ssh-ed25519 ${KEY_B}`);
    expect(checkHostKey(entries, "[127.0.0.1]:40022", blob(KEY_B)).status).toBe("known");
    expect(checkHostKey(entries, "[127.0.0.1]:40023", blob(KEY_B)).status).toBe("unknown");
  });

  it("tells a changed key (same type, other key) from an unknown host, and sees revoked keys", () => {
    const entries = parseKnownHosts(
      `prod ssh-ed25519 ${KEY_A}\nrsa-only ssh-rsa ${KEY_RSA}\n@revoked * ssh-ed25519 ${KEY_B}\n`,
      "kh",
    );
    expect(checkHostKey(entries, "prod", blob(KEY_A))).toMatchObject({ status: "known" });
    // prod is known only by its ed25519 key: an RSA key is new to us, not a changed one.
    expect(checkHostKey(entries, "prod", blob(KEY_RSA)).status).toBe("unknown");
    expect(checkHostKey(entries, "rsa-only", blob(KEY_A))).toEqual({ status: "unknown" });
    expect(checkHostKey(entries, "elsewhere", blob(KEY_A))).toEqual({ status: "unknown" });
    expect(checkHostKey(entries, "prod", blob(KEY_B))).toMatchObject({
      status: "revoked",
      entry: { location: "kh:3" },
    });
    const otherEd25519 = parseKnownHosts(`prod ssh-ed25519 ${KEY_B}`, "kh");
    expect(checkHostKey(otherEd25519, "prod", blob(KEY_A))).toMatchObject({
      status: "changed",
      entries: [{ location: "kh:1" }],
    });
  });

  it("never takes a @cert-authority line for a host key", () => {
    const entries = parseKnownHosts(`@cert-authority prod ssh-ed25519 ${KEY_A}`);
    expect(checkHostKey(entries, "prod", blob(KEY_A)).status).toBe("unknown");
  });

  it("reads the key type and prints fingerprints as ssh-keygen -lf does", () => {
    expect(keyTypeOf(blob(KEY_A))).toBe("ssh-ed25519");
    expect(keyTypeOf(blob(KEY_RSA))).toBe("ssh-rsa");
    expect(fingerprint(blob(KEY_A))).toBe(KEY_A_FINGERPRINT);
  });

  it("asks the server for host key types that known_hosts can check", () => {
    const entries = parseKnownHosts(
      `prod ssh-rsa ${KEY_RSA}\nprod ssh-ed25519 ${KEY_A}\nother ecdsa-sha2-nistp256 x${KEY_A}`,
    );
    expect(knownKeyTypes(entries, "prod")).toEqual(["ssh-rsa", "ssh-ed25519"]);
    expect(hostKeyAlgorithmsFor(knownKeyTypes(entries, "prod"))).toEqual([
      "rsa-sha2-512",
      "rsa-sha2-256",
      "ssh-rsa",
      "ssh-ed25519",
    ]);
    expect(hostKeyAlgorithmsFor(["sk-ssh-ed25519@openssh.com"])).toEqual([]);
  });
});
