/** One regular file of an in-memory tar archive. */
export interface TarEntry {
  /** Path inside the archive, without a leading `/`. */
  name: string;
  content: string | Buffer;
  mode?: number;
  uid?: number;
  gid?: number;
}

const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, "0");

/** ustar keeps names over 100 bytes as a prefix (up to 155) and a name, split at a `/`. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: "", name };
  for (let at = name.indexOf("/"); at > 0; at = name.indexOf("/", at + 1)) {
    const prefix = name.slice(0, at);
    const rest = name.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new Error(`the path ${name} is too long for a tar archive (at most 255 bytes)`);
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) => block.write(text, offset, length, "utf8");
  const { prefix, name } = splitName(entry.name);
  put(name, 0, 100);
  put(octal(entry.mode ?? 0o644, 8), 100, 8);
  put(octal(entry.uid ?? 0, 8), 108, 8);
  put(octal(entry.gid ?? 0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put("        ", 148, 8); // checksum is computed with its own field as spaces
  put("0", 156, 1);
  put("ustar\u000000", 257, 8);
  put(prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${octal(sum, 7)}\u0000 `, 148, 8);
  return block;
}

/** Tar entries without the end-of-archive blocks: the head of a longer archive. */
export function tarEntries(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    parts.push(header(entry, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return Buffer.concat(parts);
}

/** A tar archive of regular files, built in memory (secrets and configs copied into a container). */
export function tarFiles(entries: readonly TarEntry[]): Buffer {
  return Buffer.concat([tarEntries(entries), Buffer.alloc(1024)]);
}

/**
 * A tar archive holding one small file, built in memory. The lock and meta containers need an
 * image, and no registry is reachable; a one-file image imported from this costs nothing.
 */
export function tarOneFile(name: string, content: string): Buffer {
  return tarFiles([{ name, content }]);
}

/** The first regular file of a tar archive (what the engine's archive GET returns for a file). */
export function firstTarFile(
  archive: Buffer,
): { content: Buffer; mode: number; uid: number; gid: number } | undefined {
  const field = (block: Buffer, offset: number, length: number) =>
    block
      .toString("utf8", offset, offset + length)
      .replace(/\0.*$/s, "")
      .trim();
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const block = archive.subarray(offset, offset + 512);
    if (block.every((byte) => byte === 0)) return undefined;
    const size = Number.parseInt(field(block, 124, 12) || "0", 8);
    const type = field(block, 156, 1);
    const start = offset + 512;
    if (type === "0" || type === "") {
      return {
        content: archive.subarray(start, start + size),
        mode: Number.parseInt(field(block, 100, 8) || "0", 8) & 0o7777,
        uid: Number.parseInt(field(block, 108, 8) || "0", 8),
        gid: Number.parseInt(field(block, 116, 8) || "0", 8),
      };
    }
    // PAX and GNU long-name headers and anything else: skip the entry's data.
    offset = start + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
