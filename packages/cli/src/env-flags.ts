import { CliError } from "./cli-error.js";

/** `-e KEY=VALUE` flags; `-e KEY` takes the value from this process's environment, as Compose does. */
export function envFlags(flags: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf("=");
    const key = at === -1 ? flag : flag.slice(0, at);
    if (!key) throw new CliError(`-e ${flag}: expected KEY=VALUE`);
    const value = at === -1 ? process.env[key] : flag.slice(at + 1);
    if (value !== undefined) env[key] = value;
  }
  return env;
}
