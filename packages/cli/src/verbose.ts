let verbose = false;

/** `--verbose`: errors also show the engine's own text, not only Stackform's account of it. */
export function setVerbose(): void {
  verbose = true;
}

export const isVerbose = (): boolean => verbose;

/** The engine's raw words an error carries (EngineError's `raw`), if any. */
export function rawEngineText(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    current && depth < 4;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const raw = (current as { raw?: unknown }).raw;
    if (typeof raw === "string" && raw) return raw;
  }
  return undefined;
}
