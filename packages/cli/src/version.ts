import { readFileSync } from "node:fs";

// Replaced by packages/cli/package.json's version when scripts/bundle-cli.mjs bundles the CLI, so
// `stack --version` stays free of I/O. Running from source (tests), package.json is read instead.
declare const __STACKFORM_VERSION__: string | undefined;

function versionFromManifest(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const version = (manifest as { version?: unknown }).version;
  if (typeof version !== "string") throw new Error("packages/cli/package.json has no version");
  return version;
}

export const VERSION: string =
  typeof __STACKFORM_VERSION__ === "string" ? __STACKFORM_VERSION__ : versionFromManifest();
