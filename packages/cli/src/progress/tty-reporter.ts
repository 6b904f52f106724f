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
 */
export function ttyReporter(
  stream: NodeJS.WriteStream,
  color: Painter,
  now = () => Date.now(),
): ProgressReporter {
  const lines = new Map<string, Line>();
  let drawn = 0;
  let frame = 0;

  const draw = () => {
    frame++;
    let out = drawn > 0 ? `\x1b[${drawn}A` : "";
    const width = stream.columns || 100;
    for (const line of lines.values()) {
      const elapsed = ((line.elapsedMs ?? now() - line.startedAt) / 1000).toFixed(1);
      const mark = {
        working: color.cyan(SPINNER[frame % SPINNER.length]!),
        done: color.green("✔"),
        failed: color.red("✘"),
        skipped: color.dim("-"),
      }[line.state];
      const left = ` ${mark} ${line.object} ${line.text}`;
      const right = `${elapsed}s`;
      const pad = Math.max(1, width - 2 - visibleLength(left) - right.length);
      out += `\x1b[2K${left}${" ".repeat(pad)}${color.dim(right)}\n`;
    }
    drawn = lines.size;
    stream.write(out);
  };
  const timer = setInterval(draw, 100);
  timer.unref();

  return {
    onEvent(event: ApplyEvent) {
      const words = describeOperation(event.operation);
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
    onProgress() {},
    finish() {
      clearInterval(timer);
      draw();
    },
  };
}

const visibleLength = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "").length;
