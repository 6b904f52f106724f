import type { Command } from "commander";

/**
 * `stack logs -f` follows, as in `docker compose logs -f`, while `-f` is `--file` everywhere
 * else. Commander reads program options on either side of a subcommand, so without this the
 * global `--file` would take the next word; after `logs`, `-f` is rewritten to `--follow`.
 */
export function logsFollowFlag(program: Command, argv: string[]): string[] {
  // Global options that take a value: their value is never the command name.
  const valueOptions = new Set(
    program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]),
  );
  const args = argv.slice(2);
  let command = -1;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (valueOptions.has(arg)) i++;
    else if (!arg.startsWith("-")) {
      command = i;
      break;
    }
  }
  if (command < 0 || args[command] !== "logs") return argv;
  const rest = args.slice(command + 1).map((arg) => (arg === "-f" ? "--follow" : arg));
  return [...argv.slice(0, 2), ...args.slice(0, command + 1), ...rest];
}
