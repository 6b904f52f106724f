import type { Operation } from "@stackform/planner";
import type { ApplyEvent } from "./apply-event.js";
import type { Outcome, OutcomeStatus } from "./apply-result.js";
import type { Clock } from "./clock.js";

/**
 * The single record of what happened to each operation during one apply, and the only place
 * events are emitted, so the events and the final account cannot disagree. The first final
 * outcome of an operation wins: an operation skipped because of one failure is not re-skipped.
 */
export class OutcomeLedger {
  readonly #outcomes = new Map<string, Outcome>();
  readonly #startedAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly onEvent: (event: ApplyEvent) => void = () => {},
  ) {}

  /** Has a final outcome. */
  isSettled(id: string): boolean {
    return this.#outcomes.has(id);
  }

  isRunning(id: string): boolean {
    return this.#startedAt.has(id) && !this.#outcomes.has(id);
  }

  start(operation: Operation): void {
    const at = this.clock.now();
    this.#startedAt.set(operation.id, at);
    this.onEvent({ type: "started", operation, at });
  }

  succeed(operation: Operation): void {
    this.#settle(operation, "succeeded", {});
  }

  fail(operation: Operation, error: Error): void {
    this.#settle(operation, "failed", { error });
  }

  skip(operation: Operation, reason: string): void {
    this.#settle(operation, "skipped", { reason });
  }

  cancel(operation: Operation, reason: string): void {
    this.#settle(operation, "cancelled", { reason });
  }

  /** Outcomes in the order given (plan order); `undefined` for an operation never settled. */
  outcomesFor(operations: readonly Operation[]): (Outcome | undefined)[] {
    return operations.map((op) => this.#outcomes.get(op.id));
  }

  #settle(operation: Operation, status: OutcomeStatus, detail: { error?: Error; reason?: string }): void {
    if (this.#outcomes.has(operation.id)) return;
    const at = this.clock.now();
    const started = this.#startedAt.get(operation.id);
    const elapsedMs = started === undefined ? 0 : at - started;
    this.#outcomes.set(operation.id, { operation, status, ...detail, elapsedMs });
    const type = status;
    this.onEvent({ type, operation, at, ...(started === undefined ? {} : { elapsedMs }), ...detail });
  }
}
