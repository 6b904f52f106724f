import type { ProcessIO } from "@stackform/engine";

export interface TerminalSession {
  io: ProcessIO;
  /** Puts the terminal back and lets the process exit (stdin no longer read). */
  restore(): void;
}

/**
 * This process's streams for exec and run. With a TTY and a terminal on stdin, the terminal goes
 * raw so keys (Ctrl-C included) reach the container, as `docker exec -it` does.
 */
export function terminalSession(options: { tty: boolean; stdin: boolean }): TerminalSession {
  const stdin = process.stdin;
  const raw = options.tty && options.stdin && stdin.isTTY;
  if (raw) stdin.setRawMode(true);
  const size =
    options.tty && process.stdout.isTTY
      ? { rows: process.stdout.rows, columns: process.stdout.columns }
      : undefined;
  return {
    io: {
      ...(options.stdin ? { stdin } : {}),
      stdout: process.stdout,
      stderr: process.stderr,
      tty: options.tty,
      ...(size ? { size } : {}),
    },
    restore: () => {
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      // An open stdin (a pipe that never ends) would keep Node running after the process ended.
      if (!stdin.isTTY) stdin.destroy();
    },
  };
}
