import http from "node:http";

/** One GET on a fresh connection: the status and body, or a rejection with the error. */
export function httpGet(host: string, port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let response: http.IncomingMessage | undefined;
    const request = http.get({ host, port, path: "/", agent: false, timeout: 10_000 }, (res) => {
      response = res;
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", reject);
    // A complete answer may still emit `end` after this; one cut off may emit neither `end` nor
    // `error`, and fails here.
    request.on("close", () => {
      if (!response?.complete) reject(new Error("connection closed before the answer ended"));
    });
  });
}

export interface LoadResult {
  total: number;
  failed: number;
  /** Answers by body (the apps answer their version). */
  bodies: Record<string, number>;
  /** The longest time without a successful answer, in ms. */
  longestGapMs: number;
  /** Why requests failed: a status code or an error code, with counts. */
  failures: Record<string, number>;
}

/**
 * Four clients in a loop against `host:port`, each request on a fresh connection, until `stop` is
 * called: counts every request, and as failed every error or non-200 answer.
 */
export function loadLoop(host: string, port: number): { stop(): Promise<LoadResult> } {
  let running = true;
  const result: LoadResult = { total: 0, failed: 0, bodies: {}, longestGapMs: 0, failures: {} };
  const failed = (why: string) => {
    result.failed++;
    result.failures[why] = (result.failures[why] ?? 0) + 1;
  };
  let lastOk = Date.now();
  const one = async () => {
    try {
      const { status, body } = await httpGet(host, port);
      result.total++;
      if (status !== 200) return failed(`HTTP ${status}`);
      const now = Date.now();
      result.longestGapMs = Math.max(result.longestGapMs, now - lastOk);
      lastOk = now;
      result.bodies[body.trim()] = (result.bodies[body.trim()] ?? 0) + 1;
    } catch (error) {
      result.total++;
      failed((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  };
  const clients = Array.from({ length: 4 }, async () => {
    while (running) await one();
  });
  return {
    async stop() {
      running = false;
      await Promise.all(clients);
      return result;
    },
  };
}
