import type { ApplyEvent } from "@stackform/applier";

/** Turns the applier's events into output; `finish` flushes before the summary is printed. */
export interface ProgressReporter {
  onEvent(event: ApplyEvent): void;
  onProgress(operationId: string, line: string): void;
  finish(): void;
}

export type ProgressMode = "auto" | "tty" | "plain" | "json";
