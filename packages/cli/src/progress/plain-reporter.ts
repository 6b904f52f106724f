import type { ApplyEvent } from "@stackform/applier";
import { describeOperation } from "./describe-operation.js";
import type { ProgressReporter } from "./reporter.js";

const seconds = (ms = 0) => `${(ms / 1000).toFixed(1)}s`;

/** One line per event, for CI logs. */
export function plainReporter(stream: NodeJS.WritableStream): ProgressReporter {
  return {
    onEvent(event: ApplyEvent) {
      const words = describeOperation(event.operation);
      switch (event.type) {
        case "started":
          stream.write(`${words.object}: ${words.doing}\n`);
          break;
        case "succeeded":
          stream.write(`${words.object}: ${words.done} (${seconds(event.elapsedMs)})\n`);
          break;
        case "failed":
          stream.write(
            `${words.object}: FAILED ${words.doing.toLowerCase()}: ${event.error?.message ?? "unknown error"}\n`,
          );
          break;
        case "skipped":
          stream.write(
            `${words.object}: skipped ${words.doing.toLowerCase()} (${event.reason ?? "dependency failed"})\n`,
          );
          break;
        case "cancelled":
          stream.write(`${words.object}: not started (${event.reason ?? "cancelled"})\n`);
          break;
      }
    },
    onProgress(_operationId, line) {
      // Pull/build chatter is too noisy for plain logs; failures carry the relevant line. A
      // warning (a failed pre_stop hook) fails nothing, so it is printed or it is lost.
      if (line.startsWith("warning: ")) stream.write(`${line}\n`);
    },
    finish() {},
  };
}
