import type { ApplyEvent, ApplyEventType } from "@stackform/applier";
import type { Operation } from "@stackform/planner";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { paint } from "../output.js";
import { ttyReporter } from "./tty-reporter.js";

/**
 * A terminal in memory: applies what the reporter writes (printable text, `\n`, `\r`, cursor up,
 * erase line; colours ignored) to a screen of `rows` × `columns` with auto-wrap, and keeps what
 * scrolls off the top, as a real terminal's scrollback does.
 */
class VirtualTerminal {
  readonly isTTY = true;
  private readonly screen: string[][];
  private readonly scrollback: string[] = [];
  private row = 0;
  private col = 0;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.screen = Array.from({ length: rows }, () => []);
  }

  write(text: string): boolean {
    const tokens = text.match(/\x1b\[[0-9;]*[A-Za-z]|[\s\S]/gu) ?? [];
    for (const token of tokens) {
      const csi = /^\x1b\[([0-9;]*)([A-Za-z])$/.exec(token);
      if (csi) this.control(Number(csi[1] || 1), csi[2]!, csi[1] ?? "");
      else if (token === "\n") this.newline();
      else if (token === "\r") this.col = 0;
      else this.put(token);
    }
    return true;
  }

  /** Everything printed, scrollback then screen, trailing blanks trimmed. */
  text(): string[] {
    const all = [...this.scrollback, ...this.screen.map((cells) => cells.join("").trimEnd())];
    while (all.length > 0 && all[all.length - 1] === "") all.pop();
    return all;
  }

  private control(n: number, command: string, raw: string): void {
    if (command === "A") this.row = Math.max(0, this.row - n);
    else if (command === "K" && raw === "2") this.screen[this.row] = [];
    else if (command !== "m")
      throw new Error(`the reporter wrote an escape the test does not know: ${command}`);
  }

  private newline(): void {
    this.col = 0;
    if (this.row < this.rows - 1) {
      this.row++;
      return;
    }
    this.scrollback.push(this.screen.shift()!.join("").trimEnd());
    this.screen.push([]);
  }

  private put(char: string): void {
    if (this.col >= this.columns) this.newline();
    const cells = this.screen[this.row]!;
    while (cells.length < this.col) cells.push(" ");
    cells[this.col++] = char;
  }
}

const op = (kind: Operation["kind"], id: string, fields: Record<string, unknown>): Operation =>
  ({ id, after: [], resource: "service x", kind, ...fields }) as unknown as Operation;

const network = op("createNetwork", "network:x_default", { network: { name: "x_default" } });
const createDb = op("createContainer", "create:x-db-1", { spec: { name: "x-db-1" } });
const startDb = op("startContainer", "start:x-db-1", { container: "x-db-1" });
const waitDb = op("wait", "wait:x-db-1", { container: "x-db-1", service: "db", until: "healthy" });
const createWeb = op("createContainer", "create:x-web-1", { spec: { name: "x-web-1" } });
const startWeb = op("startContainer", "start:x-web-1", { container: "x-web-1" });

const event = (type: ApplyEventType, operation: Operation): ApplyEvent => ({
  type,
  operation,
  at: 0,
  elapsedMs: type === "started" ? undefined : 100,
});

/** Runs `op` from start to success with redraws in between, as a real apply does. */
function run(reporter: ReturnType<typeof ttyReporter>, ...operations: Operation[]): void {
  for (const operation of operations) {
    reporter.onEvent(event("started", operation));
    vi.advanceTimersByTime(250);
    reporter.onEvent(event("succeeded", operation));
    vi.advanceTimersByTime(250);
  }
}

const asStream = (terminal: VirtualTerminal) => terminal as unknown as NodeJS.WriteStream;

const count = (lines: string[], text: string) => lines.filter((line) => line.includes(text)).length;

describe("ttyReporter on a terminal", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("leaves each resource once on the screen, and the summary below it, when finished twice", () => {
    const terminal = new VirtualTerminal(120, 40);
    const reporter = ttyReporter(asStream(terminal), paint(asStream(terminal)));
    run(reporter, network, createDb, startDb, waitDb, createWeb, startWeb);
    // executePlan's shape: finish, print the summary, finish again in `finally`.
    reporter.finish();
    terminal.write("\nApply complete! Resources: 3 added, 0 changed, 0 replaced, 0 removed.\n");
    reporter.finish();

    const screen = terminal.text();
    expect(screen.map((line) => line.replace(/\s+\d+\.\ds$/, ""))).toEqual([
      " ✔ Network x_default Created",
      " ✔ Container x-db-1 Healthy",
      " ✔ Container x-web-1 Started",
      "",
      "Apply complete! Resources: 3 added, 0 changed, 0 replaced, 0 removed.",
    ]);
  });

  it("never wraps a line wider than the terminal, so redraws do not repeat it", () => {
    const terminal = new VirtualTerminal(40, 20);
    const reporter = ttyReporter(asStream(terminal), paint(asStream(terminal)));
    const long = op("createNetwork", "network:long", {
      network: { name: "a-very-long-stack-name_with-a-very-long-network-name" },
    });
    run(reporter, long, createDb);
    reporter.finish();

    const screen = terminal.text();
    expect(screen).toHaveLength(2);
    expect(count(screen, "Network a-very-long")).toBe(1);
    expect(screen.every((line) => [...line].length <= 40)).toBe(true);
    expect(count(screen, "Container x-db-1 Created")).toBe(1);
  });

  it("prints each resource once when the block is taller than the terminal", () => {
    const terminal = new VirtualTerminal(80, 6);
    const reporter = ttyReporter(asStream(terminal), paint(asStream(terminal)));
    const networks = Array.from({ length: 12 }, (_, i) =>
      op("createNetwork", `network:n${i}`, { network: { name: `net-${String(i).padStart(2, "0")}` } }),
    );
    run(reporter, ...networks);
    reporter.finish();

    const all = terminal.text();
    for (let i = 0; i < 12; i++)
      expect(count(all, `Network net-${String(i).padStart(2, "0")} Created`)).toBe(1);
    expect(all).toHaveLength(12);
  });
});
