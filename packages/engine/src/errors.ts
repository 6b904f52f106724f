import { explainConnectionFailure } from "./connection/explain-connection-failure.js";

/**
 * Every failure that leaves the engine package. `kind` lets callers decide (is it "already so",
 * worth a retry, the user's to fix); `hint` is what the person at the terminal should do next.
 */
export type EngineErrorKind =
  | "unreachable"
  | "timeout"
  | "not-found"
  | "image-missing"
  | "conflict"
  | "in-use"
  | "port-allocated"
  | "bad-request"
  | "engine";

export class EngineError extends Error {
  override readonly name = "EngineError";
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly hint?: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

export const isEngineError = (error: unknown, kind?: EngineErrorKind): error is EngineError =>
  error instanceof EngineError && (kind === undefined || error.kind === kind);

interface RawError {
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | Buffer | string | null;
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

/**
 * Maps a transport or HTTP failure of `what` ("create container app-web-1") on `endpoint` to an
 * EngineError with a message that names both and a hint.
 */
export function toEngineError(error: unknown, what: string, endpoint: string): EngineError {
  if (error instanceof EngineError) return error;
  // TLS and ssh refusals surface on the first request; they get their own cause and hint.
  const refused = explainConnectionFailure(error, endpoint);
  if (refused) return new EngineError("unreachable", refused.message, refused.hint);
  const raw = (error ?? {}) as RawError;
  const status = raw.statusCode;
  if (status === undefined) {
    const code = raw.code ?? "";
    if (NETWORK_CODES.has(code)) {
      const hint =
        code === "EACCES"
          ? "run as a user in the docker group, or as root"
          : "check that the engine runs (docker info) and that -H/DOCKER_HOST/--context point at it";
      return new EngineError(
        "unreachable",
        `cannot ${what}: the Docker engine at ${endpoint} is unreachable (${code})`,
        hint,
      );
    }
    return new EngineError(
      "engine",
      `cannot ${what}: ${raw.message ?? String(error)}`,
      `is the engine at ${endpoint} healthy? (docker info)`,
    );
  }
  const message = engineMessage(raw);
  const said = `cannot ${what}: ${message}`;
  if (/port is already allocated|address already in use/i.test(message))
    return new EngineError(
      "port-allocated",
      said,
      "another process or container holds that host port; free it or change `ports:` in the stack file",
      status,
    );
  if (
    status === 404 &&
    /no such image|pull access denied|manifest unknown|not found: manifest/i.test(message)
  )
    return new EngineError(
      "image-missing",
      said,
      "build or load the image on this engine (docker build / docker load), or fix `image:`",
      status,
    );
  if (status === 404)
    return new EngineError("not-found", said, "it was removed outside Stackform; plan again", status);
  // "The container name … is already in use by container …" is a name clash, not a busy object.
  if (
    status === 409 &&
    !/name .* already in use/i.test(message) &&
    /in use|is being used|has active endpoints/i.test(message)
  )
    return new EngineError(
      "in-use",
      said,
      "something outside the stack still uses it; `docker ps -a` shows what",
      status,
    );
  if (status === 409)
    return new EngineError(
      "conflict",
      said,
      "an object with that name exists outside Stackform; rename or remove it",
      status,
    );
  if (status === 400)
    return new EngineError(
      "bad-request",
      said,
      "the engine rejected the request; check the stack file's values",
      status,
    );
  return new EngineError(
    "engine",
    said,
    `the engine at ${endpoint} failed; its log (journalctl -u docker) may say more, and a re-run converges`,
    status,
  );
}
