import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type Modem from "docker-modem";
import { EngineError, isEngineError, toEngineError } from "../errors.js";
import { nameTheHolder } from "./name-the-holder.js";

export interface EngineRequest {
  /** For error messages: "create container app-web-1". */
  what: string;
  method: "GET" | "POST" | "DELETE" | "PUT" | "HEAD";
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
  /** Tar or other raw upload. */
  file?: NodeJS.ReadableStream | Buffer;
  /** Status codes that are success; `304` usually means "already so". */
  ok?: number[];
  /** Longer than the default for calls that legitimately take long (stop with a grace period). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Upgrade the connection to a raw duplex stream (exec and attach): see `hijack`. */
  hijack?: boolean;
  /** Registry credentials for a pull (`X-Registry-Auth`); never logged. */
  registryAuth?: object;
}

interface ModemLike {
  dial(options: Record<string, unknown>, callback: (error: unknown, result: unknown) => void): void;
}

/**
 * The one place HTTP requests reach the engine: every call is counted (the benchmarks read it),
 * bounded by a timeout (STACKFORM_ENGINE_TIMEOUT) and has its failures mapped to EngineError.
 * docker-modem (dockerode's transport: unix, TLS, ssh) carries the requests; dockerode itself
 * is loaded only to build images, as its per-endpoint wrappers pull in gRPC and protobuf
 * (~150 ms of start-up) that no other command needs.
 */
export class EngineClient {
  requestCount = 0;
  /** The engine answered at least once: from then on a transport failure means it went away. */
  private answered = false;

  constructor(
    readonly modem: Modem,
    readonly endpoint: string,
    readonly timeoutMs: number,
  ) {}

  /** A JSON (or empty) response, or `undefined` on a status listed in `ok` with no body. */
  json<T>(request: EngineRequest): Promise<T> {
    return this.dial<T>(request, false);
  }

  /** Like `json`, but `undefined` when the object does not exist (404). */
  async find<T>(request: EngineRequest): Promise<T | undefined> {
    try {
      return await this.json<T>(request);
    } catch (error) {
      if (isEngineError(error, "not-found") || isEngineError(error, "image-missing")) return undefined;
      throw error;
    }
  }

  /** A response stream (logs, pull, build progress); the timeout covers only the response head. */
  stream(request: EngineRequest): Promise<IncomingMessage> {
    return this.dial<IncomingMessage>(request, true);
  }

  /**
   * The engine's hijacked connection (`Upgrade: tcp`): the process's stdin is written to it, its
   * output read from it (multiplexed in 8-byte frames unless it has a TTY).
   */
  hijack(request: EngineRequest): Promise<Duplex> {
    return this.dial<Duplex>({ ...request, hijack: true }, true);
  }

  private dial<T>(request: EngineRequest, isStream: boolean): Promise<T> {
    this.requestCount++;
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    request.signal?.addEventListener("abort", onOuterAbort, { once: true });
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const statusCodes: Record<number, boolean> = {};
    for (const code of [200, 201, 204, ...(request.ok ?? [])]) statusCodes[code] = true;
    const hasQuery = request.query !== undefined;
    const options = hasQuery
      ? { _query: definedOnly(request.query ?? {}), _body: request.body ?? {} }
      : (request.body ?? {});
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        abort.abort();
        reject(
          new EngineError(
            "timeout",
            `cannot ${request.what}: the engine at ${this.endpoint} did not answer within ${Math.round(timeoutMs / 100) / 10}s`,
            "the engine may be overloaded or hung; check `docker info`, then re-run (set STACKFORM_ENGINE_TIMEOUT to wait longer)",
          ),
        );
      }, timeoutMs);
      (this.modem as unknown as ModemLike).dial(
        {
          path: hasQuery ? `${request.path}?` : request.path,
          method: request.method,
          options,
          statusCodes,
          isStream,
          abortSignal: abort.signal,
          ...(request.file ? { file: request.file } : {}),
          ...(request.registryAuth ? { authconfig: request.registryAuth } : {}),
          // allowEmpty: an upgrade request with a chunked, empty body is never answered by the engine.
          ...(request.hijack ? { hijack: true, openStdin: true, allowEmpty: true } : {}),
        },
        (error, result) => {
          clearTimeout(timer);
          // A stream stays tied to the caller's signal: aborting it ends `logs --follow`.
          if (!isStream || error) request.signal?.removeEventListener("abort", onOuterAbort);
          if (request.signal?.aborted) return reject(request.signal.reason);
          if (abort.signal.aborted) return; // the timeout already rejected
          if (!error || (error as { statusCode?: unknown }).statusCode !== undefined) this.answered = true;
          if (error) {
            const mapped = toEngineError(error, request.what, this.endpoint, { connected: this.answered });
            nameTheHolder(mapped, (what, path) =>
              this.json({ what, method: "GET", path, timeoutMs: 5000 }),
            ).then(reject, () => reject(mapped));
          } else resolve((Buffer.isBuffer(result) && result.length === 0 ? undefined : result) as T);
        },
      );
    });
  }
}

/** querystring would send `key=` for undefined values, which the engine reads as "". */
const definedOnly = (query: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
