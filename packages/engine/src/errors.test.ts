import { describe, expect, it } from "vitest";
import { nameTheHolder } from "./docker/name-the-holder.js";
import { EngineError, isConnectionLost, toEngineError } from "./errors.js";

const ENDPOINT = "unix:///var/run/docker.sock";
/** An HTTP error as docker-modem hands it over: the status and the engine's JSON body. */
const answered = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), {
    statusCode,
    json: { message },
  });
const transport = (code: string, message = `connect ${code} /var/run/docker.sock`) =>
  Object.assign(new Error(message), { code });

// The texts below are the engine's own (moby 20.10: portallocator, daemon/errors.go,
// daemon/images/image.go, containerd's errdefs), as seen on the engine or in its source.
const PORT_TAKEN =
  "driver failed programming external connectivity on endpoint web-1 (9c0e3b1f): Bind for 127.0.0.1:18080 failed: port is already allocated";
const PORT_TAKEN_PROXY =
  "driver failed programming external connectivity on endpoint web-1 (9c0e3b1f): Error starting userland proxy: listen tcp4 0.0.0.0:18081: bind: address already in use";
const NO_SPACE =
  "failed to register layer: Error processing tar file(exit status 1): write /usr/lib/libc.so.6: no space left on device";
const PLATFORM =
  "image with reference stackform-test/busybox:1 was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64";
const NAME_TAKEN =
  'Conflict. The container name "/web-1" is already in use by container "3f2a8c0d5e6b7a8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c". You have to remove (or rename) that container to be able to reuse that name.';

describe("toEngineError", () => {
  it("names the host port that is taken, and keeps the engine's words for --verbose", () => {
    const error = toEngineError(answered(500, PORT_TAKEN), "start container web-1", ENDPOINT);
    expect(error.kind).toBe("port-allocated");
    expect(error.message).toBe("cannot start container web-1: host port 127.0.0.1:18080 is already in use");
    expect(error.hint).toContain("publish=18080");
    expect(error.raw).toBe(PORT_TAKEN);
  });

  it("reads the port from the userland proxy's wording too", () => {
    const error = toEngineError(answered(500, PORT_TAKEN_PROXY), "start container web-1", ENDPOINT);
    expect(error.kind).toBe("port-allocated");
    expect(error.message).toContain("host port 0.0.0.0:18081 is already in use");
  });

  it("says the engine's disk is full and what to free", () => {
    const error = toEngineError(answered(500, NO_SPACE), "pull image busybox:1", ENDPOINT);
    expect(error.kind).toBe("no-space");
    expect(error.message).toBe(
      `cannot pull image busybox:1: the engine at ${ENDPOINT} has no space left on its disk`,
    );
    expect(error.hint).toContain("docker system df");
    expect(error.raw).toBe(NO_SPACE);
  });

  it("says the image is for another platform, not that it was removed", () => {
    const error = toEngineError(answered(404, PLATFORM), "create container web-1", ENDPOINT);
    expect(error.kind).toBe("platform-mismatch");
    expect(error.message).toBe(
      "cannot create container web-1: the image is not built for the engine's platform (wanted linux/arm64, the image is linux/amd64)",
    );
    expect(error.hint).toContain("platform:");
  });

  it.each([
    ["containerd going away under a start", "transport is closing: unavailable"],
    [
      "a mount refused during shutdown",
      'Could not mount "/srv" to container while the daemon is shutting down',
    ],
  ])("recognises the daemon shutting down: %s", (_label, text) => {
    const error = toEngineError(answered(500, text), "start container web-1", ENDPOINT);
    expect(error.kind).toBe("connection-lost");
    expect(error.message).toBe(
      `cannot start container web-1: the engine at ${ENDPOINT} is shutting down or restarting`,
    );
    expect(error.hint).toContain("converges");
    expect(error.raw).toBe(text);
    expect(isConnectionLost(error)).toBe(true);
  });

  it("says a name is taken by a container outside the stack, and how to free it", () => {
    const error = toEngineError(answered(409, NAME_TAKEN), "create container web-1", ENDPOINT);
    expect(error.kind).toBe("conflict");
    expect(error.message).toBe(
      "cannot create container web-1: the name web-1 is already taken by another container, 3f2a8c0d5e6b",
    );
    expect(error.hint).toContain("docker rm -f web-1");
  });

  it("recognises a runtime task a restarted engine left behind", () => {
    const text = "task 8437c2a9e1d94b6f0a3c5e7d9b1f3a5c7e9d1b3f5a7c9e1d3b5f7a9c1e3d5b7f: already exists";
    const error = toEngineError(answered(500, text), "start container rst-s6-1", ENDPOINT);
    expect(error.kind).toBe("stale-task");
    expect(error.message).toContain("from before it restarted");
  });

  it.each([
    ["ECONNRESET", transport("ECONNRESET", "read ECONNRESET")],
    ["EPIPE", transport("EPIPE", "write EPIPE")],
    ["ECONNREFUSED", transport("ECONNREFUSED")],
    ["ENOENT", transport("ENOENT")],
    ["ECONNRESET", new Error("socket hang up")],
  ])("reads %s after the engine has answered as a lost connection", (code, raw) => {
    const error = toEngineError(raw, "create container web-1", ENDPOINT, { connected: true });
    expect(error.kind).toBe("connection-lost");
    expect(error.message).toBe(
      `cannot create container web-1: the connection to the engine at ${ENDPOINT} was lost (${code})`,
    );
    expect(isConnectionLost(error)).toBe(true);
  });

  it("reads a refusal before the engine ever answered as unreachable, not lost", () => {
    const error = toEngineError(transport("ECONNREFUSED"), "list containers", ENDPOINT);
    expect(error.kind).toBe("unreachable");
    expect(error.message).toContain("connection refused");
  });

  it("leaves ordinary failures alone", () => {
    const error = toEngineError(answered(404, "No such container: web-1"), "start container web-1", ENDPOINT);
    expect(error.kind).toBe("not-found");
    expect(isConnectionLost(error)).toBe(false);
  });
});

describe("nameTheHolder", () => {
  const portError = () => toEngineError(answered(500, PORT_TAKEN), "start container web-1", ENDPOINT);

  it("names the container that publishes the port, and its stack", async () => {
    const ask = async <T>(): Promise<T> =>
      [
        { Id: "a1", Names: ["/other"], Labels: {}, Ports: [{ PublicPort: 9000 }] },
        {
          Id: "b2",
          Names: ["/shop-web-1"],
          Labels: { "dev.stackform.stack": "shop" },
          Ports: [{ IP: "127.0.0.1", PublicPort: 18080 }],
        },
      ] as T;
    const error = await nameTheHolder(portError(), ask);
    expect(error.message).toBe(
      "cannot start container web-1: host port 127.0.0.1:18080 is already in use, held by container shop-web-1 of stack shop",
    );
    expect(error.raw).toBe(PORT_TAKEN);
  });

  it("says when no container holds the port", async () => {
    const error = await nameTheHolder(portError(), async <T>() => [] as T);
    expect(error.message).toContain("held by a process outside Docker");
  });

  it("says whose container holds a name", async () => {
    const conflict = toEngineError(answered(409, NAME_TAKEN), "create container web-1", ENDPOINT);
    const ask = async <T>(): Promise<T> => ({ Config: { Image: "nginx:1.27", Labels: null } }) as T;
    expect((await nameTheHolder(conflict, ask)).message).toContain(
      "(image nginx:1.27, made outside Stackform)",
    );
  });

  it("keeps the error as it was when the lookup fails", async () => {
    const error = portError();
    const failing = async () => {
      throw new EngineError("unreachable", "gone");
    };
    expect(await nameTheHolder(error, failing)).toBe(error);
  });
});
