import { createServer, type Server } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isEngineError } from "../errors.js";
import { connectClient } from "./connect-client.js";
import type { EngineClient } from "./engine-client.js";
import { removeNetwork } from "./remove-network.js";

/** The engine's answers to removing and inspecting one network, from a stand-in server. */
describe("removeNetwork", () => {
  let server: Server;
  let client: EngineClient;
  let dispose: () => Promise<void> | void;
  let refusals: number;
  let attached: Record<string, { Name: string }>;
  let deletes: number;
  beforeEach(async () => {
    deletes = 0;
    server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.method === "DELETE") {
        deletes++;
        if (deletes <= refusals) {
          res.statusCode = 403;
          res.end(
            JSON.stringify({
              message: "error while removing network: network app_default id 1f has active endpoints",
            }),
          );
        } else {
          res.statusCode = 204;
          res.end();
        }
        return;
      }
      res.end(JSON.stringify({ Name: "app_default", Containers: attached }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    ({ client, dispose } = await connectClient({}, { DOCKER_HOST: `tcp://127.0.0.1:${port}` }));
  });
  afterEach(async () => {
    await dispose();
    server.close();
  });

  const failure = (promise: Promise<void>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  it("tries again while the engine lets go of the removed containers' endpoints", async () => {
    refusals = 2;
    attached = {};
    await removeNetwork(client, "app_default", [1, 1, 1]);
    expect(deletes).toBe(3);
  });

  it("says an endpoint the engine keeps counting is the engine's, and that restarting it clears it", async () => {
    refusals = 100;
    attached = {};
    const error = await failure(removeNetwork(client, "app_default", [1, 1]));
    expect(deletes).toBe(3);
    expect(isEngineError(error, "engine")).toBe(true);
    expect((error as Error).message).toBe(
      "cannot remove network app_default: the engine still counts an endpoint on it, though no container is attached",
    );
    expect((error as { hint?: string }).hint).toContain("restart docker");
  });

  it("names a container still attached, at once", async () => {
    refusals = 100;
    attached = { abc: { Name: "other-web-1" } };
    const error = await failure(removeNetwork(client, "app_default", [1, 1]));
    expect(deletes).toBe(1);
    expect(isEngineError(error, "in-use")).toBe(true);
    expect((error as Error).message).toBe(
      "cannot remove network app_default: container other-web-1 outside the stack still uses it",
    );
  });
});
