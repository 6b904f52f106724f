import { failed, type Parsed, parsed } from "./parsed.js";

/** A CPU count ("0.5", 1.5) in nano-CPUs, as the Engine API's `NanoCpus` takes it. */
export function parseCpus(input: unknown): Parsed<number> {
  const text = typeof input === "number" ? String(input) : typeof input === "string" ? input.trim() : "";
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text)) {
    return failed(
      `${JSON.stringify(input)} is not a number of CPUs`,
      'write a positive number, like 0.5 or "1.5"',
    );
  }
  const value = Number(text);
  if (value <= 0)
    return failed("the number of CPUs must be greater than 0", 'write a positive number, like "0.5"');
  return parsed(Math.round(value * 1e9));
}
