import { failed, type Parsed, parsed } from "./parsed.js";

// The names containerd's platform parser accepts for the same architectures.
const ARCH_ALIASES: Record<string, string> = { x86_64: "amd64", "x86-64": "amd64", aarch64: "arm64" };

/**
 * `os/arch[/variant]`, as the engine takes it, lower case with the common architecture aliases
 * resolved (`linux/x86_64` is `linux/amd64`). Windows platforms need a Windows engine.
 */
export function parsePlatform(input: string): Parsed<string> {
  const parts = input.trim().toLowerCase().split("/");
  const [os, arch, variant, ...extra] = parts;
  if (!os || !arch || extra.length > 0 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p)))
    return failed(
      `"${input}" is not a platform`,
      'write os/architecture[/variant], like "linux/amd64" or "linux/arm/v7"',
    );
  if (os !== "linux")
    return failed(
      `platform ${input} needs a ${os} engine; Stackform runs Linux containers`,
      'use a linux platform, like "linux/amd64" or "linux/arm64"',
    );
  return parsed([os, ARCH_ALIASES[arch] ?? arch, ...(variant ? [variant] : [])].join("/"));
}
