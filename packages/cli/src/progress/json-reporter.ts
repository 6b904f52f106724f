import type { ApplyEvent } from "@stackform/applier";
import { describeOperation } from "./describe-operation.js";
import type { ProgressReporter } from "./reporter.js";

/** JSON lines on stdout (`--progress json`), one object per event. */
export function jsonReporter(stream: NodeJS.WritableStream): ProgressReporter {
  return {
    onEvent(event: ApplyEvent) {
      const line = {
        type: event.type,
        id: event.operation.id,
        kind: event.operation.kind,
        resource: event.operation.resource,
        object: describeOperation(event.operation).object,
        elapsed_ms: event.elapsedMs,
        error: event.error?.message,
        reason: event.reason,
      };
      stream.write(`${JSON.stringify(line)}\n`);
    },
    onProgress(operationId, message) {
      stream.write(`${JSON.stringify({ type: "progress", id: operationId, message })}\n`);
    },
    finish() {},
  };
}
