import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { matchesPatternList } from "./host-pattern.js";

/** One line of a known_hosts file. */
export interface KnownHostEntry {
  marker?: "cert-authority" | "revoked";
  /** The host field as written: `host1,[host2]:2222,*.lan` or hashed `|1|salt|hash`. */
  hosts: string;
  keyType: string;
  /** The public key blob (the base64 field, decoded). */
  key: Buffer;
  /** `file:line`, for messages that say which line to fix. */
  location: string;
}

export function parseKnownHosts(text: string, file = "known_hosts"): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (!line || line.startsWith("#")) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry["marker"];
    if (fields[0] === "@cert-authority" || fields[0] === "@revoked") {
      marker = fields[0] === "@revoked" ? "revoked" : "cert-authority";
      fields.shift();
    } else if (fields[0]?.startsWith("@")) {
      return;
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64) return;
    const key = Buffer.from(base64, "base64");
    if (key.length === 0) return;
    entries.push({ ...(marker ? { marker } : {}), hosts, keyType, key, location: `${file}:${index + 1}` });
  });
  return entries;
}

/** Every entry of the files that exist, in order. */
export function loadKnownHosts(files: readonly string[]): KnownHostEntry[] {
  return files.flatMap((file) => {
    try {
      return parseKnownHosts(readFileSync(file, "utf8"), file);
    } catch {
      return [];
    }
  });
}

/** The name ssh files a host under: `host` on port 22, `[host]:port` elsewhere. */
export const knownHostName = (host: string, port: number): string =>
  port === 22 ? host : `[${host}]:${port}`;

/** Whether the entry's host field names `name` (a `knownHostName`), hashed or as patterns. */
export function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.startsWith("|1|")) {
    const [, , salt, hash] = entry.hosts.split("|");
    if (!salt || !hash) return false;
    const expected = Buffer.from(hash, "base64");
    const actual = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest();
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
  return matchesPatternList(name, entry.hosts.split(","));
}

export type HostKeyCheck =
  | { status: "known"; entry: KnownHostEntry }
  /** The host is known with another key of the same type: it changed, or someone is in between. */
  | { status: "changed"; entries: KnownHostEntry[] }
  | { status: "revoked"; entry: KnownHostEntry }
  | { status: "unknown" };

/** Checks the key a server presented against what known_hosts says about `name`. */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: Buffer): HostKeyCheck {
  const forHost = entries.filter(
    (entry) => entry.marker !== "cert-authority" && entryMatchesHost(entry, name),
  );
  const revoked = forHost.find((entry) => entry.marker === "revoked" && entry.key.equals(key));
  if (revoked) return { status: "revoked", entry: revoked };
  const plain = forHost.filter((entry) => entry.marker === undefined);
  const known = plain.find((entry) => entry.key.equals(key));
  if (known) return { status: "known", entry: known };
  const type = keyTypeOf(key);
  const sameType = plain.filter((entry) => entry.keyType === type);
  return sameType.length > 0 ? { status: "changed", entries: sameType } : { status: "unknown" };
}

/** The key types known_hosts holds for `name`, in file order, without duplicates. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  const types = entries
    .filter((entry) => entry.marker === undefined && entryMatchesHost(entry, name))
    .map((entry) => entry.keyType);
  return [...new Set(types)];
}

/** The type name inside an ssh public key blob (`ssh-ed25519`, `ssh-rsa`, ...). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return "unknown";
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString("latin1");
}

/** `SHA256:…`, as `ssh-keygen -lf` and ssh's own warnings print it. */
export const fingerprint = (blob: Buffer): string =>
  `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;

/**
 * The ssh2 host key algorithms that can present keys of the known types, so the server is asked
 * for a key we can check (as ssh does) rather than one of a type we have never seen.
 */
export function hostKeyAlgorithmsFor(keyTypes: readonly string[]): string[] {
  const algorithms: string[] = [];
  for (const type of keyTypes) {
    if (type === "ssh-rsa") algorithms.push("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    else if (SUPPORTED_HOST_KEY_TYPES.has(type)) algorithms.push(type);
  }
  return [...new Set(algorithms)];
}

const SUPPORTED_HOST_KEY_TYPES = new Set([
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "ssh-dss",
]);
