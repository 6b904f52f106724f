import { StackformError } from "@stackform/schema/contract";
import { explainConnectionFailure } from "./connection/explain-connection-failure.js";

/**
 * Every failure that leaves the engine package. `kind` lets callers decide (is it "already so",
 * worth a retry, the user's to fix); `hint` is what the person at the terminal should do next.
 */
export type EngineErrorKind =
  | "unreachable"
  | "connection-lost"
  | "timeout"
  | "not-found"
  | "image-missing"
  | "platform-mismatch"
  | "no-space"
  | "stale-task"
  | "conflict"
  | "in-use"
  | "port-allocated"
  | "bad-request"
  | "engine";

export class EngineError extends StackformError {
  override readonly name = "EngineError";
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    hint?: string,
    readonly statusCode?: number,
    /** The engine's (or the transport's) own words, for `--verbose`; the message is ours. */
    readonly raw?: string,
  ) {
    super(message, hint);
  }
}

export const isEngineError = (error: unknown, kind?: EngineErrorKind): error is EngineError =>
  error instanceof EngineError && (kind === undefined || error.kind === kind);

/**
 * The engine went away under a command: the connection dropped, the daemon shut down or
 * restarted. Nothing more can be done on it in this run, and a re-run converges. "unreachable"
 * counts too: mid-command it means the engine that answered a moment ago no longer does.
 */
export const isConnectionLost = (error: unknown): error is EngineError =>
  isEngineError(error, "connection-lost") || isEngineError(error, "unreachable");

export const RERUN_HINT =
  "nothing was rolled back; once the engine answers again (docker info), run the same command again: it converges";

interface RawError {
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | Buffer | string | null;
  cause?: unknown;
}

/** The engine's own words: its JSON `message`, without dockerode's "(HTTP code …)" wrapping. */
function engineMessage(raw: RawError): string {
  const json = raw.json;
  if (json && typeof json === "object" && !Buffer.isBuffer(json) && typeof json.message === "string")
    return json.message;
  if (typeof json === "string" && json.trim()) return json.trim();
  return (raw.message ?? String(raw)).replace(/^\(HTTP code \d+\) [\w -]+ - /, "").trim();
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOENT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EACCES",
]);

/** Transport failures that, once the engine has answered in this command, mean it went away. */
const LOSS_CODES = new Set([
  "ECONNREFUSED",
  "ENOENT",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/**
 * The daemon answering while it shuts down (seen on dockerd 20.10 under SIGTERM): its containerd
 * connection closing under a request (gRPC "transport is closing"), its network store already
 * closed, or its own shutdown refusals.
 */
const SHUTTING_DOWN = new RegExp(
  [
    "transport is closing",
    "daemon is shutting down",
    "server is shutting down",
    "error reading from server: EOF",
    // libnetwork's store after the daemon closed it: the file name it writes to is empty.
    "failed to update store for object type [^:]+: open : no such file or directory",
  ].join("|"),
  "i",
);

export interface MapContext {
  /** The engine answered an earlier request of this command: a transport failure now is a loss. */
  connected?: boolean;
}

/** The transport code of a raw failure (or its cause), with Node's "socket hang up" as ECONNRESET. */
function transportCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; current = (current as RawError).cause, depth++) {
    const raw = current as RawError;
    if (raw.statusCode !== undefined) return undefined;
    if (typeof raw.code === "string" && raw.code) return raw.code;
    if (typeof raw.message === "string" && /socket hang up/i.test(raw.message)) return "ECONNRESET";
  }
  return undefined;
}

export function connectionLost(what: string, endpoint: string, cause: string, raw?: string): EngineError {
  return new EngineError(
    "connection-lost",
    `cannot ${what}: the connection to the engine at ${endpoint} was lost (${cause})`,
    RERUN_HINT,
    undefined,
    raw,
  );
}

/**
 * Maps a transport or HTTP failure of `what` ("create container app-web-1") on `endpoint` to an
 * EngineError with a message that says what happened, names both, and a hint that says what to
 * do; the engine's own text stays in `raw`.
 */
export function toEngineError(
  error: unknown,
  what: string,
  endpoint: string,
  context: MapContext = {},
): EngineError {
  if (error instanceof EngineError) return error;
  const raw = (error ?? {}) as RawError;
  const code = transportCode(error);
  if (context.connected && code && LOSS_CODES.has(code))
    return connectionLost(what, endpoint, code, raw.message ?? String(error));
  // TLS and ssh refusals surface on the first request; they get their own cause and hint.
  const refused = explainConnectionFailure(error, endpoint);
  if (refused) return new EngineError("unreachable", refused.message, refused.hint, undefined, raw.message);
  const status = raw.statusCode;
  if (status === undefined) {
    const rawCode = raw.code ?? "";
    if (NETWORK_CODES.has(rawCode)) {
      const hint =
        rawCode === "EACCES"
          ? "run as a user in the docker group, or as root"
          : "check that the engine runs (docker info) and that -H/DOCKER_HOST/--context point at it";
      return new EngineError(
        "unreachable",
        `cannot ${what}: the Docker engine at ${endpoint} is unreachable (${rawCode})`,
        hint,
        undefined,
        raw.message,
      );
    }
    return new EngineError(
      "engine",
      `cannot ${what}: ${raw.message ?? String(error)}`,
      `is the engine at ${endpoint} healthy? (docker info)`,
      undefined,
      raw.message,
    );
  }
  const message = engineMessage(raw);
  return fromEngineMessage(message, status, what, endpoint);
}

/** An HTTP error the engine answered with, by what its text says first and its status second. */
function fromEngineMessage(message: string, status: number, what: string, endpoint: string): EngineError {
  const said = `cannot ${what}: ${message}`;
  const make = (kind: EngineErrorKind, text: string, hint: string) =>
    new EngineError(kind, text, hint, status, message);

  if (SHUTTING_DOWN.test(message))
    return make(
      "connection-lost",
      `cannot ${what}: the engine at ${endpoint} is shutting down or restarting`,
      RERUN_HINT,
    );
  const port = allocatedPort(message);
  if (port)
    return make(
      "port-allocated",
      `cannot ${what}: host port ${port.address} is already in use`,
      `free that port, or change \`ports:\` in the stack file; \`docker ps --filter publish=${port.port}\` or \`ss -ltnp 'sport = :${port.port}'\` shows who holds it`,
    );
  if (/port is already allocated|address already in use/i.test(message))
    return make(
      "port-allocated",
      said,
      "another process or container holds that host port; free it or change `ports:` in the stack file",
    );
  if (/no space left on device/i.test(message))
    return make(
      "no-space",
      `cannot ${what}: the engine at ${endpoint} has no space left on its disk`,
      "free space on the engine host (`docker system df` shows what uses it; `docker image prune`, `docker builder prune`), then run the same command again",
    );
  const platform = platformMismatch(message);
  if (platform)
    return make(
      "platform-mismatch",
      `cannot ${what}: the image is not built for the engine's platform${platform}`,
      "use an image (or tag) built for the engine's platform (`docker info` shows it), set `platform:` in the stack file to one the image has, or build a multi-platform image",
    );
  if (/^task [0-9a-f]+: already exists|\btask .* already exists/i.test(message))
    return make(
      "stale-task",
      `cannot ${what}: the engine still holds a runtime task for it from before it restarted`,
      "the container has to be recreated: remove it (docker rm -f), then run the same command again",
    );
  const clash = nameClash(message);
  if (status === 409 && clash)
    return make(
      "conflict",
      `cannot ${what}: the name ${clash.name} is already taken by another container, ${clash.id.slice(0, 12)}`,
      `remove or rename that container (docker rm -f ${clash.name}, or docker rename ${clash.name} ${clash.name}-old), or give this stack another name with -n`,
    );
  if (
    status === 404 &&
    /no such image|pull access denied|manifest unknown|not found: manifest/i.test(message)
  )
    return make(
      "image-missing",
      said,
      "build or load the image on this engine (docker build / docker load), or fix `image:`",
    );
  if (status === 404) return make("not-found", said, "it was removed outside Stackform; plan again");
  // "The container name … is already in use by container …" is a name clash, not a busy object.
  if (
    status === 409 &&
    !/name .* already in use/i.test(message) &&
    /in use|is being used|has active endpoints/i.test(message)
  )
    return make("in-use", said, "something outside the stack still uses it; `docker ps -a` shows what");
  if (status === 409)
    return make("conflict", said, "an object with that name exists outside Stackform; rename or remove it");
  if (status === 400)
    return make("bad-request", said, "the engine rejected the request; check the stack file's values");
  return make(
    "engine",
    said,
    `the engine at ${endpoint} failed; its log (journalctl -u docker) may say more, and a re-run converges`,
  );
}

/** `Bind for 127.0.0.1:8080 failed: port is already allocated` or the userland proxy's `listen tcp4 0.0.0.0:80: bind: address already in use`. */
export function allocatedPort(message: string): { address: string; port: number } | undefined {
  const match =
    /Bind for (\S*?):(\d+) failed: port is already allocated/i.exec(message) ??
    /listen (?:tcp|udp|sctp)[46]? (\S*?):(\d+): bind: address already in use/i.exec(message);
  if (match) {
    const host = match[1] ?? "";
    const port = Number(match[2]);
    return { address: host ? `${host}:${port}` : String(port), port };
  }
  return undefined;
}

/** `": wanted linux/arm64, found linux/amd64"`, or "" when the engine did not say. */
function platformMismatch(message: string): string | undefined {
  const found = /does not match the specified platform: wanted ([^,]+), actual: (\S+)/i.exec(message);
  if (found) return ` (wanted ${found[1]}, the image is ${found[2]})`;
  const noManifest = /no matching manifest for (\S+) in the manifest list/i.exec(message);
  if (noManifest) return ` (the registry has no build for ${noManifest[1]})`;
  if (/exec format error/i.test(message)) return " (exec format error: its binaries are for another CPU)";
  return undefined;
}

/** `Conflict. The container name "/x" is already in use by container "3f2a…". You have to …` */
export function nameClash(message: string): { name: string; id: string } | undefined {
  const match = /container name "\/?([^"]+)" is already in use by container "([0-9a-f]+)"/i.exec(message);
  return match?.[1] && match[2] ? { name: match[1], id: match[2] } : undefined;
}
