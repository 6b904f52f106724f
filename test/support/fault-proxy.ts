import { rmSync } from "node:fs";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What to do with a request that matches: answer with an error, hang, or cut the connection. */
export type Fault =
  | { kind: "status"; status: number; message: string }
  | { kind: "drop" }
  | { kind: "delay"; ms: number };

export interface FaultRule {
  method?: string;
  /** Matched against the path without the API version prefix, e.g. `/containers/create`. */
  path: RegExp;
  /** Matched against the query string, e.g. `name=app-web-1`. */
  query?: RegExp;
  fault: Fault;
  /** Apply to the first N matches only (default: every match). */
  times?: number;
}

/**
 * A unix-socket proxy in front of the real engine that injects faults: tests point the CLI at it
 * with `-H unix://<path>` and see exactly the answers a failing engine gives.
 */
export interface FaultProxy {
  host: string;
  rules: FaultRule[];
  /** Requests seen, `METHOD /path`, for asserting what was (not) attempted. */
  log: string[];
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startFaultProxy(upstreamSocket = "/var/run/docker.sock"): Promise<FaultProxy> {
  const socketPath = join(
    tmpdir(),
    `stackform-fault-${process.pid}-${Math.random().toString(36).slice(2)}.sock`,
  );
  const rules: FaultRule[] = [];
  const log: string[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      { socketPath: upstreamSocket, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  };

  const server = createServer((req, res) => {
    const [path = "", query = ""] = (req.url ?? "").replace(/^\/v[0-9.]+/, "").split("?");
    log.push(`${req.method} ${path}`);
    const rule = rules.find(
      (r) =>
        (!r.method || r.method === req.method) &&
        r.path.test(path) &&
        (!r.query || r.query.test(query)) &&
        (r.times ?? 1) > 0,
    );
    if (!rule) return forward(req, res);
    if (rule.times !== undefined) rule.times--;
    const { fault } = rule;
    switch (fault.kind) {
      case "status":
        res.writeHead(fault.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: fault.message }));
        return;
      case "drop":
        req.socket.destroy();
        return;
      case "delay":
        setTimeout(() => forward(req, res), fault.ms).unref();
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));

  return {
    host: `unix://${socketPath}`,
    rules,
    log,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socketPath, { force: true });
    },
  };
}
