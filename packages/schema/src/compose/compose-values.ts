/**
 * Values of the model written back the way Compose spells them. Each formatter is the inverse of
 * the parser in `../parse/` that reads the key: parsing what it writes gives the same number.
 */

const DURATION_UNITS: [string, number][] = [
  ["h", 3600e9],
  ["m", 60e9],
  ["s", 1e9],
  ["ms", 1e6],
  ["us", 1e3],
  ["ns", 1],
];

/** Nanoseconds as a Go duration of whole units (`1m30s`, `1s500ms`): no decimals to round. */
export function formatDuration(ns: number): string {
  if (ns === 0) return "0s";
  let rest = ns;
  let text = "";
  for (const [unit, size] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

const SIZE_UNITS: [string, number][] = [
  ["p", 1024 ** 5],
  ["t", 1024 ** 4],
  ["g", 1024 ** 3],
  ["m", 1024 ** 2],
  ["k", 1024],
];

/** Bytes with the largest binary unit that divides them (`256m`, `1g`), else the plain number. */
export function formatByteSize(bytes: number): string | number {
  if (bytes === 0) return 0;
  for (const [unit, size] of SIZE_UNITS) if (bytes % size === 0) return `${bytes / size}${unit}`;
  return bytes;
}

/** Nano-CPUs as a CPU count: a number when it prints without an exponent (`0.5`), else a string. */
export function formatCpus(nanoCpus: number): number | string {
  const whole = Math.floor(nanoCpus / 1e9);
  const fraction = String(nanoCpus % 1e9)
    .padStart(9, "0")
    .replace(/0+$/, "");
  const text = fraction === "" ? String(whole) : `${whole}.${fraction}`;
  return String(Number(text)) === text ? Number(text) : text;
}

/** A file mode in octal with a leading zero (`01777`): unambiguous to every reader. */
export const formatFileMode = (mode: number): string => `0${mode.toString(8)}`;

/** `$` written as `$$`, so that interpolation when the file is read gives the value back. */
export const escapeInterpolation = (text: string): string => text.split("$").join("$$");
