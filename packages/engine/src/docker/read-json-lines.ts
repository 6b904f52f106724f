import { createInterface } from "node:readline";

/**
 * Reads a pull/build/import progress stream. The engine reports failures inside the stream with
 * HTTP 200 (`{"error": ...}`), so the last error seen is thrown once the stream ends.
 */
export async function readJsonLines(
  stream: NodeJS.ReadableStream,
  onLine?: (line: string) => void,
  /** The `aux` payloads (a push reports its digest in one). */
  onAux?: (aux: unknown) => void,
): Promise<void> {
  let failure: string | undefined;
  for await (const raw of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (!raw.trim()) continue;
    let event: {
      error?: string;
      errorDetail?: { message?: string };
      stream?: string;
      status?: string;
      progress?: string;
      id?: string;
      aux?: unknown;
    };
    try {
      event = JSON.parse(raw);
    } catch {
      onLine?.(raw);
      continue;
    }
    if (event.error || event.errorDetail) {
      failure = event.errorDetail?.message ?? event.error;
      continue;
    }
    if (event.aux !== undefined) onAux?.(event.aux);
    const text = event.stream ?? [event.id, event.status, event.progress].filter(Boolean).join(" ");
    for (const line of text.split("\n")) if (line.trim()) onLine?.(line.trimEnd());
  }
  if (failure !== undefined) throw new StreamFailure(failure);
}

export class StreamFailure extends Error {
  override readonly name = "StreamFailure";
}
