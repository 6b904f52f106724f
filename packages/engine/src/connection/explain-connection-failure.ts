import { ConnectionError, isConnectionError } from "./connection-error.js";

interface RawError {
  code?: string;
  message?: string;
  address?: string;
  statusCode?: number;
  json?: unknown;
  cause?: unknown;
  level?: string;
}

const POINT_ELSEWHERE =
  "or point Stackform at the right engine with -H, DOCKER_HOST or --context (`docker context ls`)";
const TLS_FILES = "the ca.pem in DOCKER_CERT_PATH, or the context's ca= file";

/** The engine's certificate does not chain to our CA: wrong ca.pem, or the wrong engine. */
const UNTRUSTED_CERT = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "INVALID_CA",
]);

/**
 * Turns a raw transport failure on the way to the engine (refused, unreachable, TLS did not
 * verify, the engine rejected our certificate, HTTP spoken to a TLS port, ...) into a
 * ConnectionError with the cause in one line and a hint. Returns undefined for anything else (an
 * HTTP error from a reachable engine), so callers map those themselves. Errors that already are
 * ConnectionErrors (ssh host keys, missing TLS files) come back as they are.
 */
export function explainConnectionFailure(error: unknown, endpoint: string): ConnectionError | undefined {
  for (let current = error, depth = 0; current && depth < 4; current = (current as RawError).cause, depth++) {
    if (isConnectionError(current)) return current;
    const explained = explainOne(current as RawError, endpoint, error);
    if (explained) return explained;
  }
  return undefined;
}

function explainOne(raw: RawError, endpoint: string, original: unknown): ConnectionError | undefined {
  const code = typeof raw.code === "string" ? raw.code : "";
  const message = typeof raw.message === "string" ? raw.message : "";
  const at = `the Docker engine at ${endpoint}`;
  const error = (text: string, hint: string) => new ConnectionError(text, hint, { cause: original });

  switch (code) {
    case "ECONNREFUSED":
      return error(
        `cannot connect to ${at}: connection refused`,
        `check that the engine runs and listens there, ${POINT_ELSEWHERE}`,
      );
    case "ENOENT":
      if (!raw.address && !endpoint.startsWith("unix://")) return undefined;
      return error(
        `cannot connect to ${at}: no such socket`,
        `start the Docker engine (dockerd), ${POINT_ELSEWHERE}`,
      );
    case "EACCES":
    case "EPERM":
      return error(
        `cannot connect to ${at}: permission denied`,
        "run as a user in the docker group, or as root",
      );
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
      return error(
        `cannot connect to ${at}: the host is unreachable (${code})`,
        `check the address and the network path to it, ${POINT_ELSEWHERE}`,
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return error(
        `cannot connect to ${at}: the host name does not resolve (${code})`,
        `check the host name, ${POINT_ELSEWHERE}`,
      );
    case "ECONNRESET":
    case "EPIPE":
      return error(
        `the connection to ${at} was cut (${code})`,
        "if the engine expects TLS, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (or use a context with TLS files); otherwise check that it is healthy (docker info)",
      );
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return error(
        `the TLS certificate of ${at} is not valid for that host name: ${firstLine(message)}`,
        "connect with a name or IP listed in the engine certificate's subjectAltName, or reissue the certificate",
      );
    case "CERT_HAS_EXPIRED":
    case "CERT_NOT_YET_VALID":
      return error(
        `the TLS certificate of ${at} is not valid now (${code})`,
        "reissue the engine's certificate, and check this machine's clock",
      );
  }
  if (UNTRUSTED_CERT.has(code)) {
    return error(
      `the TLS certificate of ${at} is not signed by the trusted CA (${code}); refusing to connect`,
      `use the CA that signed the engine's certificate: ${TLS_FILES}`,
    );
  }
  if (
    /^ERR_SSL_.*(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE|ACCESS_DENIED)/.test(
      code,
    )
  ) {
    return error(
      `${at} rejected the TLS client certificate (${code})`,
      "use a cert.pem/key.pem signed by the CA the engine trusts (its --tlscacert), in DOCKER_CERT_PATH or the context",
    );
  }
  if (
    code === "ERR_SSL_WRONG_VERSION_NUMBER" ||
    (code === "EPROTO" && /wrong version number/i.test(message))
  ) {
    return error(
      `${at} does not speak TLS`,
      "use the engine's TLS port (usually 2376), or if it really serves plain HTTP, unset DOCKER_TLS_VERIFY",
    );
  }
  if (code.startsWith("ERR_SSL_") || code === "EPROTO") {
    return error(
      `the TLS handshake with ${at} failed (${code})`,
      `check the engine's TLS setup and ${TLS_FILES}`,
    );
  }
  if (
    raw.statusCode === 400 &&
    /HTTP request to an HTTPS server/i.test(`${message} ${String(raw.json ?? "")}`)
  ) {
    return error(
      `${at} requires TLS, but the connection is plain HTTP`,
      "set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), or use a context created with ca=, cert=, key=",
    );
  }
  if (/socket hang up/i.test(message) && raw.statusCode === undefined) {
    return error(
      `the connection to ${at} closed before it answered`,
      `check that it is a Docker engine and healthy (docker info), ${POINT_ELSEWHERE}`,
    );
  }
  return undefined;
}

const firstLine = (text: string): string => text.split("\n")[0] ?? "";
