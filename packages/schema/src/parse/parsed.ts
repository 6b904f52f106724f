/** The result of parsing one user-written value: the value, or why it is wrong and how to fix it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });

export const failed = <T = never>(message: string, hint?: string): Parsed<T> =>
  hint === undefined ? { ok: false, message } : { ok: false, message, hint };

/** The values of the entries that parse: normalisation skips the others, which the schema reported. */
export const parsedValues = <T, U>(entries: readonly T[], parse: (entry: T) => Parsed<U>): U[] =>
  entries.flatMap((entry) => {
    const result = parse(entry);
    return result.ok ? [result.value] : [];
  });
