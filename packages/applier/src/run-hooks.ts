import { Writable } from "node:stream";
import type { Engine, ExecOptions } from "@stackform/engine";
import type { HookRun } from "@stackform/planner";
import { SENSITIVE_MASK } from "@stackform/schema/contract";

/** How many lines of a failed hook's output its error quotes. */
const TAIL_LINES = 10;

/** Collects a process's output in memory: hook output is never the user's stdout. */
class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    done();
  }
  lines(): string[] {
    return Buffer.concat(this.chunks)
      .toString("utf8")
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "");
  }
}

export interface HookResult {
  exitCode: number;
  /** Its stdout, then its stderr, line by line. */
  output: string[];
}

/** Runs one hook as `docker exec` would, its output kept rather than relayed. */
export async function runHook(engine: Engine, container: string, hook: HookRun): Promise<HookResult> {
  const options: ExecOptions = { command: hook.command };
  if (Object.keys(hook.env).length > 0) options.env = hook.env;
  if (hook.user !== undefined) options.user = hook.user;
  if (hook.workingDir !== undefined) options.workingDir = hook.workingDir;
  if (hook.privileged !== undefined) options.privileged = hook.privileged;
  const stdout = new Collector();
  const stderr = new Collector();
  const exitCode = await engine.exec(container, options, { stdout, stderr, tty: false });
  return { exitCode, output: scrub([...stdout.lines(), ...stderr.lines()], hook) };
}

/**
 * The hook's own secret values masked in its output, so a hook that echoes them does not print
 * them wherever it runs (apply, destroy, day-2 commands); the CLI also scrubs the stack's others.
 */
function scrub(lines: string[], hook: HookRun): string[] {
  const secrets = (hook.sensitiveEnv ?? [])
    .map((key) => hook.env[key] ?? "")
    .filter((value) => value.length > 0)
    .sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return lines;
  return lines.map((line) => secrets.reduce((text, secret) => text.split(secret).join(SENSITIVE_MASK), line));
}

/** `post_start[0] of service web exited with code 3; its last output: …`. */
export function hookFailure(hook: HookRun, container: string, result: HookResult): string {
  const tail = result.output.slice(-TAIL_LINES);
  const said = tail.length > 0 ? `; its last output:\n  ${tail.join("\n  ")}` : " and printed nothing";
  return `${hook.hook} hook of service ${hook.service} (${hook.command.join(" ")}) exited with code ${result.exitCode} in ${container}${said}`;
}

/**
 * The `post_start` hooks after a start, in order. The first that exits non-zero fails the
 * operation, as in Compose; the container is left running for the next plan or a rollback.
 */
export async function runPostStart(
  engine: Engine,
  container: string,
  hooks: readonly HookRun[],
  progress: (line: string) => void,
): Promise<void> {
  for (const hook of hooks) {
    const result = await runHook(engine, container, hook);
    for (const line of result.output) progress(`${hook.hook}: ${line}`);
    if (result.exitCode !== 0) throw new Error(hookFailure(hook, container, result));
  }
}

/** How long a container's `pre_stop` hooks may take together before it is stopped anyway. */
export const PRE_STOP_LIMIT_MS = 60_000;

const TIMED_OUT = Symbol("timed out");

/** `work`, or TIMED_OUT once `ms` have passed; the timer never outlives the work or keeps Node up. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The `pre_stop` hooks before a stop, in order. A hook must never keep a container from stopping:
 * a failure, an exec the engine refuses, or hooks still running after `limitMs` are a warning,
 * and the stop goes on (a hook still running then ends with the container).
 */
export async function runPreStop(
  engine: Engine,
  container: string,
  hooks: readonly HookRun[],
  progress: (line: string) => void,
  isFatal: (error: unknown) => boolean,
  limitMs = PRE_STOP_LIMIT_MS,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (const hook of hooks) {
    const name = `${hook.hook} hook of service ${hook.service}`;
    try {
      const result = await within(runHook(engine, container, hook), deadline - Date.now());
      if (result === TIMED_OUT) {
        progress(
          `warning: ${name} was still running after ${limitMs / 1000}s in ${container}; stopping anyway`,
        );
        return;
      }
      for (const line of result.output) progress(`${hook.hook}: ${line}`);
      if (result.exitCode !== 0)
        progress(`warning: ${hookFailure(hook, container, result)}; stopping anyway`);
    } catch (error) {
      if (isFatal(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      progress(`warning: ${name} could not run in ${container}: ${reason}; stopping anyway`);
    }
  }
}
