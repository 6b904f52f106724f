import { type Diagnostic, SENSITIVE_MASK } from "@stackform/schema/contract";
import type { Change, ChangeAction, ChangeMember, FieldChange, Plan } from "../model/plan.js";
import { assertNever } from "../util/assert-never.js";
import { shownValues } from "./mask.js";
import { NO_CHANGES, summarise, summaryLine } from "./summary.js";

export interface RenderOptions {
  format: "human" | "markdown";
  /** ANSI colours (human only): on a TTY unless `--no-color`/`NO_COLOR`. */
  color: boolean;
  /** `--show-sensitive`: print secret values instead of `(sensitive)`. */
  showSensitive?: boolean;
  /** The engine the plan was made against; Markdown names it under the heading. */
  engine?: string;
}

const SYMBOL: Record<ChangeAction, string> = {
  create: "  +",
  update: "  ~",
  replace: "-/+",
  remove: "  -",
  keep: "  =",
};
/** Markdown `diff` blocks colour by the first character: + green, - red, ! orange, # grey. */
const DIFF_MARK: Record<ChangeAction, string> = {
  create: "+",
  update: "!",
  replace: "-/+",
  remove: "-",
  keep: "#",
};
const COLOUR: Record<ChangeAction, string> = {
  create: "32",
  update: "33",
  replace: "35",
  remove: "31",
  keep: "2",
};

/** The plan for people, Terraform-style: changes with their causes and fields, then a summary. */
export function renderPlan(plan: Plan, options: RenderOptions): string {
  switch (options.format) {
    case "human":
      return renderHuman(plan, options);
    case "markdown":
      return renderMarkdown(plan, options);
    default:
      return assertNever(options.format);
  }
}

function renderHuman(plan: Plan, options: RenderOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const acting = plan.changes.filter((c) => c.action !== "keep");
  const kept = plan.changes.filter((c) => c.action === "keep");
  const out: string[] = [];
  const block = (change: Change) => {
    out.push(
      `${paint(COLOUR[change.action], `${SYMBOL[change.action]} ${change.resource}`)}  ${paint("2", `# ${change.cause}`)}`,
    );
    for (const field of change.fields) {
      const { mark, text } = fieldLine(change, field, options);
      out.push(`      ${paint(COLOUR[mark], SYMBOL[mark].trim())} ${text}`);
    }
    for (const member of shownMembers(change)) {
      const note = change.cause.includes(member.cause) ? "" : `  ${paint("2", `# ${member.cause}`)}`;
      out.push(
        `      ${paint(COLOUR[member.action], `${SYMBOL[member.action].trim()} container ${member.name}`)}${note}`,
      );
    }
  };
  if (acting.length === 0 && plan.operations.length === 0) {
    out.push(NO_CHANGES);
    if (kept.length > 0) out.push("");
    kept.forEach(block);
  } else {
    out.push(`Stackform will perform the following actions on stack ${plan.stack}:`, "");
    for (const change of [...acting, ...kept]) {
      block(change);
      out.push("");
    }
    out.push(summaryLine(summarise(plan)));
  }
  for (const warning of plan.warnings) out.push("", ...warningLines(warning, (t) => paint("33", t)));
  return `${out.join("\n")}\n`;
}

function renderMarkdown(plan: Plan, options: RenderOptions): string {
  const acting = plan.changes.filter((c) => c.action !== "keep");
  const out = [`### Stackform plan for stack \`${plan.stack}\``, ""];
  if (options.engine) out.push(`Engine: \`${options.engine}\``, "");
  out.push(
    acting.length === 0 && plan.operations.length === 0 ? NO_CHANGES : `**${summaryLine(summarise(plan))}**`,
  );
  if (plan.changes.length > 0) {
    out.push("", "```diff");
    for (const change of plan.changes) {
      out.push(`${DIFF_MARK[change.action]} ${change.resource}  # ${change.cause}`);
      for (const field of change.fields) {
        const { mark, text } = fieldLine(change, field, options);
        out.push(`${DIFF_MARK[mark]}     ${text}`);
      }
      for (const member of shownMembers(change)) {
        const note = change.cause.includes(member.cause) ? "" : `  # ${member.cause}`;
        out.push(`${DIFF_MARK[member.action]}   container ${member.name}${note}`);
      }
    }
    out.push("```");
  }
  if (plan.warnings.length > 0) {
    out.push("", "**Warnings**", "");
    for (const warning of plan.warnings)
      out.push(`- ${warning.message}${warning.hint ? ` (${warning.hint})` : ""}`);
  }
  return `${out.join("\n")}\n`;
}

/**
 * A service's containers, beneath it: shown when there are several, or when the one there is
 * does something other than the service as a whole (a replica scaled away, a restart).
 */
function shownMembers(change: Change): ChangeMember[] {
  const members = change.members ?? [];
  if (members.length > 1) return members;
  return members.filter((m) => m.action !== change.action || !change.cause.includes(m.cause));
}

function fieldLine(
  change: Change,
  field: FieldChange,
  options: RenderOptions,
): { mark: ChangeAction; text: string } {
  const { before, after } = shownValues(field, options.showSensitive ?? false);
  const forces = field.forcesReplace
    ? ` (forces new ${change.resource.startsWith("network ") ? "network" : "container"})`
    : "";
  if (before === undefined) return { mark: "create", text: `${field.path}: ${show(after)}${forces}` };
  if (after === undefined) return { mark: "remove", text: `${field.path}: ${show(before)}${forces}` };
  return { mark: "update", text: `${field.path}: ${show(before)} → ${show(after)}${forces}` };
}

/** Strings quoted, everything else as JSON; the mask is printed bare. */
const show = (value: unknown): string =>
  value === SENSITIVE_MASK ? SENSITIVE_MASK : (JSON.stringify(value) ?? String(value));

function warningLines(warning: Diagnostic, paint: (text: string) => string): string[] {
  const where = warning.file ? ` (${warning.file}${warning.line ? `:${warning.line}` : ""})` : "";
  const lines = [`${paint("Warning:")} ${warning.message}${where}`];
  if (warning.hint) lines.push(`  ${warning.hint}`);
  return lines;
}
