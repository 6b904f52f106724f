import type { ApplyEvent } from "@stackform/applier";
import type { Painter } from "../output.js";
import { describeOperation } from "./describe-operation.js";
import type { ProgressReporter } from "./reporter.js";

interface Line {
  object: string;
  text: string;
  state: "working" | "done" | "failed" | "skipped";
  startedAt: number;
  elapsedMs?: number;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Compose-style live view: one line per container, network, volume or image, redrawn in place.
 * Redraws are throttled by a timer so hundreds of events do not flood the terminal.
 *
 * Redrawing moves the cursor up over the block it drew last, so nothing else may be written
 * below the block while it is live, and no line may wrap (a wrapped line takes two rows and the
 * next redraw would start one row too low, repeating lines). After `finish` the block is final:
 * later calls draw nothing, so a caller that prints a summary and finishes again in a `finally`
 * does not redraw the block over the summary.
 */
export function ttyReporter(
  stream: NodeJS.WriteStream,
  color: Painter,
  now = () => Date.now(),
): ProgressReporter {
  const lines = new Map<string, Line>();
  let drawn = 0;
  // Leading lines that scrolled past the top of a short terminal in their final state: the
  // cursor cannot move up to them, so they are left as printed and never redrawn.
  let committed = 0;
  let frame = 0;
  let finished = false;
  const warnings: string[] = [];

  const draw = () => {
    frame++;
    let out = drawn > 0 ? `\x1b[${drawn}A` : "";
    const width = stream.columns || 100;
    const live = [...lines.values()].slice(committed);
    for (const line of live) {
      const elapsed = ((line.elapsedMs ?? now() - line.startedAt) / 1000).toFixed(1);
      const mark = {
        working: color.cyan(SPINNER[frame % SPINNER.length]!),
        done: color.green("✔"),
        failed: color.red("✘"),
        skipped: color.dim("-"),
      }[line.state];
      const right = `${elapsed}s`;
      const left = fit(` ${mark} ${line.object} ${line.text}`, width - 3 - right.length);
      const pad = Math.max(1, width - 2 - visibleLength(left) - right.length);
      out += `\x1b[2K${left}${" ".repeat(pad)}${color.dim(right)}\n`;
    }
    drawn = live.length;
    const room = Math.max(1, (stream.rows || Number.POSITIVE_INFINITY) - 1);
    while (drawn > room && live[live.length - drawn]!.state !== "working") {
      committed++;
      drawn--;
    }
    stream.write(out);
  };
  const timer = setInterval(draw, 100);
  timer.unref();

  return {
    onEvent(event: ApplyEvent) {
      const words = describeOperation(event.operation);
      // A line that can no longer be redrawn in place starts again at the bottom of the block.
      if ([...lines.keys()].indexOf(words.object) < committed && lines.has(words.object)) {
        lines.delete(words.object);
        committed--;
      }
      const existing = lines.get(words.object);
      const startedAt = existing?.startedAt ?? now();
      const cumulative = (ms = 0) => (existing?.elapsedMs ?? 0) + ms;
      switch (event.type) {
        case "started":
          lines.set(words.object, {
            object: words.object,
            text: words.doing,
            state: "working",
            startedAt: now() - cumulative(),
          });
          break;
        case "succeeded":
          lines.set(words.object, {
            object: words.object,
            text: words.done,
            state: "done",
            startedAt,
            elapsedMs: now() - startedAt,
          });
          break;
        case "failed":
          lines.set(words.object, {
            object: words.object,
            text: color.red(`${words.doing} failed`),
            state: "failed",
            startedAt,
            elapsedMs: now() - startedAt,
          });
          break;
        case "skipped":
        case "cancelled":
          if (!existing)
            lines.set(words.object, {
              object: words.object,
              text: color.dim(event.type === "skipped" ? "Skipped" : "Not started"),
              state: "skipped",
              startedAt,
              elapsedMs: 0,
            });
          break;
      }
    },
    onProgress(_operationId, line) {
      // Nothing may be written below the live block: warnings (a failed pre_stop hook) follow it.
      if (line.startsWith("warning: ")) warnings.push(line);
    },
    finish() {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      draw();
      for (const warning of warnings) stream.write(`${color.yellow(warning)}\n`);
    },
  };
}

const SGR = /\x1b\[[0-9;]*m/g;
const visibleLength = (s: string) => s.replace(SGR, "").length;

/** Cuts a line to `max` visible characters (colour codes kept, closed by a reset) so it never wraps. */
function fit(s: string, max: number): string {
  if (visibleLength(s) <= max) return s;
  let out = "";
  let visible = 0;
  for (const part of s.split(/(\x1b\[[0-9;]*m)/)) {
    if (part.startsWith("\x1b[")) out += part;
    else {
      const room = Math.max(0, max - 1 - visible);
      out += part.slice(0, room);
      visible += Math.min(part.length, room);
    }
  }
  return `${out}…${s.includes("\x1b[") ? "\x1b[0m" : ""}`;
}
