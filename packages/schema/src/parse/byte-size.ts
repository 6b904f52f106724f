import { failed, type Parsed, parsed } from "./parsed.js";

// Docker's RAMInBytes: binary multiples, an optional "b"/"ib" after the unit, any case.
const SIZE = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?$/i;
const MULTIPLIER: Record<string, number> = {
  "": 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

const HINT = 'write bytes or a number with a unit, like "512m", "1g" or "1024k"';

/** A Compose byte size ("512m", "1g", "2GB", "100", 1024) in bytes. */
export function parseByteSize(input: unknown): Parsed<number> {
  if (typeof input === "number") {
    if (Number.isInteger(input) && input >= 0) return parsed(input);
    return failed(`${input} is not a size in bytes`, HINT);
  }
  if (typeof input !== "string") return failed("a size must be a string or a number", HINT);
  const match = SIZE.exec(input.trim());
  if (!match) return failed(`"${input}" is not a size`, HINT);
  const multiplier = MULTIPLIER[(match[2] ?? "").toLowerCase()] ?? 1;
  return parsed(Math.floor(Number(match[1]) * multiplier));
}
