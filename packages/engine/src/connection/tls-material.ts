import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ConnectionError } from "./connection-error.js";

/** The PEM files of a TLS connection to an engine: `ca.pem`, `cert.pem`, `key.pem` in one directory. */
export interface TlsMaterial {
  /** Where the files were read from, for messages. */
  dir: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

const FILES = { ca: "ca.pem", cert: "cert.pem", key: "key.pem" } as const;

/** Reads the files that exist; a missing file is left out, any other read failure is an error. */
export async function readTlsMaterial(dir: string): Promise<TlsMaterial> {
  const material: TlsMaterial = { dir };
  for (const [field, file] of Object.entries(FILES) as [keyof typeof FILES, string][]) {
    const path = join(dir, file);
    try {
      material[field] = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new ConnectionError(
        `cannot read ${path}: ${(error as Error).message}`,
        "make the TLS files readable by this user",
        { cause: error },
      );
    }
  }
  return material;
}

export const hasTlsMaterial = (material: TlsMaterial): boolean =>
  material.ca !== undefined || material.cert !== undefined || material.key !== undefined;

/**
 * A client certificate needs its key and the other way round; `requireCa` (verified TLS from
 * DOCKER_TLS_VERIFY) also needs the CA that signed the engine's certificate. Never falls back to
 * an unverified or plain-text connection: what is missing is an error.
 */
export function checkTlsMaterial(material: TlsMaterial, requireCa: boolean, howToFix: string): void {
  const missing = (file: string) =>
    new ConnectionError(`TLS is on but ${join(material.dir, file)} does not exist`, howToFix);
  if (requireCa && !material.ca) throw missing(FILES.ca);
  if (material.cert && !material.key) throw missing(FILES.key);
  if (material.key && !material.cert) throw missing(FILES.cert);
}
