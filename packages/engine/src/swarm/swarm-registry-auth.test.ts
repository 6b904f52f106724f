import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SwarmServiceSpec } from "@stackform/schema/contract";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SwarmEngine } from "./swarm-engine.js";

/** What the manager receives, seen from an HTTP server standing in for it. */
describe("SwarmEngine sends registry credentials with a service, as --with-registry-auth does", () => {
  let server: Server;
  let seen: IncomingHttpHeaders[];
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    seen = [];
    server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ID: "svc1" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    dir = mkdtempSync(join(tmpdir(), "stackform-swarm-auth-"));
    env = { DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_CONFIG: dir, HOME: dir };
  });
  afterEach(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const spec = (image: string) =>
    ({ Name: "app_web", Labels: {}, TaskTemplate: { ContainerSpec: { Image: image } } }) as SwarmServiceSpec;

  it("on create and update, for the image's registry only", async () => {
    const auth = Buffer.from("alice:pw").toString("base64");
    writeFileSync(join(dir, "config.json"), JSON.stringify({ auths: { "reg.example:5000": { auth } } }));
    const swarm = await SwarmEngine.connect({}, env);
    await swarm.createService(spec("reg.example:5000/app:1@sha256:abc"));
    await swarm.updateService("svc1", 3, spec("reg.example:5000/app:2"));
    await swarm.createService(spec("busybox:1"));
    await swarm.close();

    const sent = seen.map((h) => h["x-registry-auth"]);
    const decoded = JSON.parse(Buffer.from(String(sent[0]), "base64url").toString("utf8"));
    expect(decoded).toEqual({ serveraddress: "reg.example:5000", username: "alice", password: "pw" });
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBeUndefined();
  });
});
