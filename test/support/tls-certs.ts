import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** PEM files as `DOCKER_CERT_PATH` wants them: a directory with ca.pem, cert.pem, key.pem. */
export interface CertDir {
  dir: string;
  ca: string;
  cert: string;
  key: string;
}

/**
 * A throwaway PKI for TLS tests, made with `openssl`: a CA, a server certificate for 127.0.0.1
 * and localhost, a client certificate, and a second CA that signed neither.
 */
export interface TlsCerts {
  root: string;
  /** For dockerd: --tlscacert ca.pem --tlscert cert.pem --tlskey key.pem. */
  server: CertDir;
  /** For the client: the right CA, a client certificate it signed. */
  client: CertDir;
  /** The same client certificate, but trusting the wrong CA: the engine's certificate must not verify. */
  wrongCa: CertDir;
  [Symbol.dispose](): void;
}

const openssl = (cwd: string, ...args: string[]) =>
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });

function newKey(cwd: string, file: string): void {
  openssl(cwd, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file);
}

function newCa(cwd: string, name: string): void {
  newKey(cwd, `${name}-key.pem`);
  openssl(
    cwd,
    "req",
    "-x509",
    "-new",
    "-key",
    `${name}-key.pem`,
    "-sha256",
    "-days",
    "2",
    "-subj",
    `/CN=${name}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
    "-out",
    `${name}.pem`,
  );
}

function newLeaf(cwd: string, name: string, ca: string, extensions: string): void {
  newKey(cwd, `${name}-key.pem`);
  openssl(cwd, "req", "-new", "-key", `${name}-key.pem`, "-subj", `/CN=${name}`, "-out", `${name}.csr`);
  writeFileSync(join(cwd, `${name}.ext`), extensions);
  openssl(
    cwd,
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    `${ca}.pem`,
    "-CAkey",
    `${ca}-key.pem`,
    "-CAcreateserial",
    "-sha256",
    "-days",
    "2",
    "-extfile",
    `${name}.ext`,
    "-out",
    `${name}.pem`,
  );
}

function certDir(root: string, name: string, ca: string, cert: string, key: string): CertDir {
  const dir = join(root, name);
  mkdirSync(dir);
  const files = { ca: join(dir, "ca.pem"), cert: join(dir, "cert.pem"), key: join(dir, "key.pem") };
  copyFileSync(join(root, ca), files.ca);
  copyFileSync(join(root, cert), files.cert);
  copyFileSync(join(root, key), files.key);
  return { dir, ...files };
}

export function makeTlsCerts(): TlsCerts {
  const root = mkdtempSync(join(tmpdir(), "stackform-tls-"));
  try {
    newCa(root, "stackform-test-ca");
    newCa(root, "stackform-wrong-ca");
    newLeaf(
      root,
      "server",
      "stackform-test-ca",
      "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n",
    );
    newLeaf(
      root,
      "client",
      "stackform-test-ca",
      "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n",
    );
    return {
      root,
      server: certDir(root, "server-files", "stackform-test-ca.pem", "server.pem", "server-key.pem"),
      client: certDir(root, "client-files", "stackform-test-ca.pem", "client.pem", "client-key.pem"),
      wrongCa: certDir(root, "wrong-ca-files", "stackform-wrong-ca.pem", "client.pem", "client-key.pem"),
      [Symbol.dispose]: () => rmSync(root, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
