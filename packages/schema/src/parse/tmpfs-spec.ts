import { parseByteSize } from "./byte-size.js";
import { failed, type Parsed, parsed } from "./parsed.js";

export interface TmpfsSpec {
  target: string;
  size?: number;
  mode?: number;
}

/**
 * A file mode written in octal: "1777", "0o1777", or the YAML number 1777, whose digits are read
 * as octal because that is what people mean by `mode: 1777`.
 */
export function parseFileMode(input: unknown): Parsed<number> {
  if (typeof input === "number" && /^[0-7]{1,4}$/.test(String(input)))
    return parsed(Number.parseInt(String(input), 8));
  if (typeof input === "string" && /^(?:0o?)?[0-7]{1,4}$/.test(input.trim())) {
    return parsed(Number.parseInt(input.trim().replace(/^0o?/, "") || "0", 8));
  }
  return failed(`${JSON.stringify(input)} is not a file mode`, 'write it in octal, like "1777" or "0755"');
}

/** The service-level `tmpfs:` entry: `/path[:size=64m,mode=1777]`, as `docker run --tmpfs` takes it. */
export function parseTmpfsShort(input: string): Parsed<TmpfsSpec> {
  const colon = input.indexOf(":");
  const target = colon < 0 ? input : input.slice(0, colon);
  if (!target.startsWith("/")) {
    return failed(`the tmpfs path "${target}" is not absolute`, 'write it like "/run" or "/tmp:size=64m"');
  }
  const spec: TmpfsSpec = { target };
  if (colon < 0) return parsed(spec);
  for (const option of input.slice(colon + 1).split(",")) {
    const [key, value = ""] = option.split("=");
    if (key === "size") {
      const size = parseByteSize(value);
      if (!size.ok) return size;
      spec.size = size.value;
    } else if (key === "mode") {
      const mode = parseFileMode(value);
      if (!mode.ok) return mode;
      spec.mode = mode.value;
    } else {
      // Other mount flags have no place in the desired stack; refusing beats dropping them.
      return failed(`the tmpfs option "${option}" is not supported`, "use size=<bytes> and mode=<octal>");
    }
  }
  return parsed(spec);
}
