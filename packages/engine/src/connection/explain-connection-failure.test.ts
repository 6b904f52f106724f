import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { ConnectionError } from "./connection-error.js";
import { explainConnectionFailure } from "./explain-connection-failure.js";

const raw = (code: string, message = code, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

/** The real error Node gives for a closed port. */
async function refusedError(): Promise<Error> {
  return new Promise((resolve) => {
    const socket = connect(1, "127.0.0.1");
    socket.on("error", resolve);
  });
}

describe("explainConnectionFailure", () => {
  it("explains a refused connection", async () => {
    const error = explainConnectionFailure(await refusedError(), "tcp://127.0.0.1:1");
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.name).toBe("ConnectionError");
    expect(error?.message).toBe(
      "cannot connect to the Docker engine at tcp://127.0.0.1:1: connection refused",
    );
    expect(error?.hint).toContain("docker context ls");
  });

  it("explains a missing or forbidden local socket", () => {
    const missing = raw("ENOENT", "connect ENOENT /var/run/docker.sock", { address: "/var/run/docker.sock" });
    expect(explainConnectionFailure(missing, "unix:///var/run/docker.sock")?.message).toBe(
      "cannot connect to the Docker engine at unix:///var/run/docker.sock: no such socket",
    );
    const denied = explainConnectionFailure(raw("EACCES"), "unix:///var/run/docker.sock");
    expect(denied?.hint).toContain("docker group");
  });

  it.each([
    ["EHOSTUNREACH", "unreachable"],
    ["ETIMEDOUT", "unreachable"],
    ["ENOTFOUND", "does not resolve"],
  ])("explains %s", (code, words) => {
    expect(explainConnectionFailure(raw(code), "tcp://engine.lan:2376")?.message).toContain(words);
  });

  it("says the engine's certificate is not signed by the trusted CA, and refuses", () => {
    const error = explainConnectionFailure(
      raw("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"),
      "tcp://127.0.0.1:2376",
    );
    expect(error?.message).toBe(
      "the TLS certificate of the Docker engine at tcp://127.0.0.1:2376 is not signed by the trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE); refusing to connect",
    );
    expect(error?.hint).toContain("ca.pem");
    expect(explainConnectionFailure(raw("SELF_SIGNED_CERT_IN_CHAIN"), "e")?.message).toContain(
      "not signed by the trusted CA",
    );
  });

  it("says when the engine rejects our client certificate or the name does not match", () => {
    expect(explainConnectionFailure(raw("ERR_SSL_TLSV1_ALERT_UNKNOWN_CA"), "e")?.message).toContain(
      "rejected the TLS client certificate",
    );
    expect(
      explainConnectionFailure(raw("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED"), "e")?.message,
    ).toContain("rejected the TLS client certificate");
    expect(
      explainConnectionFailure(raw("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match"), "e")
        ?.message,
    ).toContain("not valid for that host name");
  });

  it("says when TLS meets a plain-HTTP port, and when plain HTTP meets a TLS port", () => {
    expect(explainConnectionFailure(raw("ERR_SSL_WRONG_VERSION_NUMBER"), "e")?.message).toContain(
      "does not speak TLS",
    );
    const plain = Object.assign(
      new Error("(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server. "),
      { statusCode: 400 },
    );
    const error = explainConnectionFailure(plain, "tcp://127.0.0.1:2376");
    expect(error?.message).toBe(
      "the Docker engine at tcp://127.0.0.1:2376 requires TLS, but the connection is plain HTTP",
    );
    expect(error?.hint).toContain("DOCKER_TLS_VERIFY=1");
  });

  it("passes ConnectionErrors through, also when wrapped as a cause", () => {
    const original = new ConnectionError("the ssh host key of x has changed", "remove it");
    expect(explainConnectionFailure(original, "ssh://x")).toBe(original);
    expect(explainConnectionFailure(new Error("wrapped", { cause: original }), "ssh://x")).toBe(original);
  });

  it("keeps messages to one line", async () => {
    for (const error of [
      await refusedError(),
      raw("ERR_TLS_CERT_ALTNAME_INVALID", "a\nb"),
      raw("ECONNRESET"),
    ]) {
      expect(explainConnectionFailure(error, "tcp://h:1")?.message).not.toContain("\n");
    }
  });

  it("leaves HTTP errors of a reachable engine to the caller", () => {
    const notFound = Object.assign(new Error("(HTTP code 404) no such container - No such container: x "), {
      statusCode: 404,
    });
    expect(explainConnectionFailure(notFound, "unix:///var/run/docker.sock")).toBeUndefined();
    expect(explainConnectionFailure(new Error("something else"), "e")).toBeUndefined();
    expect(explainConnectionFailure(undefined, "e")).toBeUndefined();
  });
});
