/** ANSI colour only for terminals, and never with --no-color or NO_COLOR. */
export interface Painter {
  enabled: boolean;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

let colorDisabled = false;
export function disableColor(): void {
  colorDisabled = true;
}

export function wantsColor(stream: NodeJS.WritableStream): boolean {
  if (colorDisabled || "NO_COLOR" in process.env) return false;
  if (process.env.FORCE_COLOR) return true;
  return Boolean((stream as { isTTY?: boolean }).isTTY);
}

export function paint(stream: NodeJS.WritableStream): Painter {
  const enabled = wantsColor(stream);
  const wrap = (open: number, close: number) => (s: string) =>
    enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    enabled,
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    magenta: wrap(35, 39),
    cyan: wrap(36, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}
