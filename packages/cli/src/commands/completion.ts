import type { Argument, Command, Option } from "commander";
import type { GlobalOptions } from "../global-options.js";
import { loadStackFiles } from "../load-desired.js";

export type Shell = "bash" | "zsh" | "fish";

interface CommandWords {
  name: string;
  description: string;
  flags: string[];
  /** Whether its first argument is a service of the stack (`logs`, `exec`, `run`). */
  takesServices: boolean;
}

const flagsOf = (options: readonly Option[]) =>
  options
    .filter((o) => !o.hidden)
    .flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined));

/** What completion knows, read from the commander program so it never falls behind it. */
function words(program: Command) {
  const commands: CommandWords[] = program.commands.map((command) => ({
    name: command.name(),
    description: command.description(),
    flags: [...flagsOf(command.options), "--help"],
    takesServices:
      (command.registeredArguments as readonly Argument[])[0]?.name().startsWith("service") ?? false,
  }));
  return { commands, globals: [...flagsOf(program.options), "--help"] };
}

// The services come from `stack completion --list-services`, run in the shell's folder, so they
// are the stack's as loaded there (with -f, `.env` and all), and completion needs no parser of its own.
function bash(program: Command): string {
  const { commands, globals } = words(program);
  const cases = commands
    .map((c) => `    ${c.name}) opts="${c.flags.join(" ")}"; services=${c.takesServices ? 1 : 0} ;;`)
    .join("\n");
  return `# stack completion for bash: eval "$(stack completion bash)"
_stack() {
  local cur prev cmd i opts services
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local commands="${commands.map((c) => c.name).join(" ")}"
  local globals="${globals.join(" ")}"
  case "$prev" in
    -f|--file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case " $commands " in *" \${COMP_WORDS[i]} "*) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "$commands $globals" -- "$cur"))
    return
  fi
  opts=""; services=0
  case "$cmd" in
${cases}
  esac
  if [[ "$services" == 1 && "$cur" != -* ]]; then
    opts="$opts $(\${COMP_WORDS[0]} completion --list-services 2>/dev/null)"
  fi
  COMPREPLY=($(compgen -W "$opts $globals" -- "$cur"))
}
complete -F _stack stack
`;
}

function zsh(program: Command): string {
  return `# stack completion for zsh: eval "$(stack completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bash(program).split("\n").slice(1).join("\n")}`;
}

function fish(program: Command): string {
  const { commands, globals } = words(program);
  const quote = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const flag = (f: string) => (f.startsWith("--") ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`);
  const lines = ["# stack completion for fish: stack completion fish | source", "complete -c stack -f"];
  for (const g of globals) lines.push(`complete -c stack ${flag(g)}`);
  for (const c of commands) {
    lines.push(`complete -c stack -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`);
    for (const f of c.flags)
      lines.push(`complete -c stack -n '__fish_seen_subcommand_from ${c.name}' ${flag(f)}`);
    if (c.takesServices) {
      lines.push(
        `complete -c stack -n '__fish_seen_subcommand_from ${c.name}' -a '(stack completion --list-services 2>/dev/null)'`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export function completionScript(shell: Shell, program: Command): string {
  return shell === "bash" ? bash(program) : shell === "zsh" ? zsh(program) : fish(program);
}

/** The service names of the stack in the current folder, one a line; nothing when it does not load. */
export async function listServices(globals: GlobalOptions, cwd = process.cwd()): Promise<string[]> {
  const result = await loadStackFiles(globals, cwd);
  return result.stack ? Object.keys(result.stack.services) : [];
}

export async function completionCommand(
  shell: string | undefined,
  options: GlobalOptions & { listServices?: boolean },
  program: Command,
): Promise<void> {
  if (options.listServices) {
    const services = await listServices(options);
    if (services.length > 0) process.stdout.write(`${services.join("\n")}\n`);
    return;
  }
  if (shell !== "bash" && shell !== "zsh" && shell !== "fish") {
    throw new Error(`stack completion needs a shell: bash, zsh or fish (got ${shell ?? "none"})`);
  }
  process.stdout.write(completionScript(shell, program));
}
