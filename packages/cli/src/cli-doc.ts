import type { Argument, Command, Option } from "commander";
import { buildProgram } from "./program.js";

const cell = (text: string) => text.replace(/\|/g, "\\|");
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

function optionRow(option: Option): string {
  const details: string[] = [];
  if (option.argChoices) details.push(`one of ${option.argChoices.map((c) => `\`${c}\``).join(", ")}`);
  // `false` is commander's way of saying "a flag, off unless given": not worth a line.
  if (option.defaultValue !== undefined && option.defaultValue !== false) {
    const shown = Array.isArray(option.defaultValue) ? "" : `default \`${String(option.defaultValue)}\``;
    if (shown !== "") details.push(shown);
  }
  const extra = details.length > 0 ? ` (${details.join("; ")})` : "";
  return `| \`${option.flags}\` | ${cell(option.description)}${extra} |`;
}

function optionTable(options: readonly Option[]): string[] {
  const visible = options.filter((o) => !o.hidden);
  if (visible.length === 0) return [];
  return ["| flag | meaning |", "| --- | --- |", ...visible.map(optionRow)];
}

function usage(command: Command): string {
  const args = (command.registeredArguments as readonly Argument[]).map((a) => {
    const name = `${a.name()}${a.variadic ? "..." : ""}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return ["stack", command.name(), "[options]", ...args].join(" ");
}

/**
 * docs/cli.md: every command and flag of `stack`, read from the commander program itself by
 * `pnpm docs:write`. A unit test fails when the committed file is stale.
 */
export function renderCliDoc(program: Command = buildProgram()): string {
  const parts = [
    "# The `stack` command",
    "",
    "<!-- Generated from packages/cli/src/program.ts by `pnpm docs:write`; do not edit. -->",
    "",
    program.description(),
    "",
    "Results go to stdout, progress and diagnostics to stderr; `--json` gives every result as JSON.",
    "Exit codes: 0 success, 1 error; `plan --detailed-exitcode` exits 2 when there are changes.",
    "",
    "## Global flags",
    "",
    "Accepted before or after the command.",
    "",
    ...optionTable(program.options),
    "",
    "| `-h, --help` | print the help of `stack` or of a command |",
  ];
  // The help row belongs to the table above: drop the blank line between them.
  parts.splice(parts.length - 2, 1);
  for (const command of program.commands) {
    parts.push(
      "",
      `## \`stack ${command.name()}\``,
      "",
      sentence(command.description()),
      "",
      "```sh",
      usage(command),
      "```",
    );
    const args = command.registeredArguments as readonly Argument[];
    if (args.length > 0) {
      parts.push("", "| argument | meaning |", "| --- | --- |");
      for (const a of args) parts.push(`| \`${a.name()}\` | ${cell(a.description)} |`);
    }
    const table = optionTable(command.options);
    if (table.length > 0) parts.push("", ...table);
  }
  return `${parts.join("\n")}\n`;
}
