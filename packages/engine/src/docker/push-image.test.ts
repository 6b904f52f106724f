import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SwarmEngine } from "../swarm/swarm-engine.js";

/** What the engine receives for a push, and the progress stream it answers, from a stand-in server. */
describe("pushImage", () => {
  let server: Server;
  let seen: IncomingMessage[];
  let answer: string[];
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    seen = [];
    server = createServer((req, res) => {
      seen.push(req);
      req.resume();
      res.setHeader("content-type", "application/json");
      res.end(answer.map((line) => `${line}\r\n`).join(""));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    dir = mkdtempSync(join(tmpdir(), "stackform-push-"));
    env = { DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_CONFIG: dir, HOME: dir };
  });
  afterEach(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const DIGEST = `sha256:${"c".repeat(64)}`;

  it("pushes the tag with the user's credentials and returns the digest the registry reported", async () => {
    const auth = Buffer.from("alice:pw").toString("base64");
    writeFileSync(join(dir, "config.json"), JSON.stringify({ auths: { "reg.example:5000": { auth } } }));
    answer = [
      JSON.stringify({ status: "The push refers to repository [reg.example:5000/shop/web]" }),
      JSON.stringify({ status: `1: digest: ${DIGEST} size: 527` }),
      JSON.stringify({ progressDetail: {}, aux: { Tag: "1", Digest: DIGEST, Size: 527 } }),
    ];
    const swarm = await SwarmEngine.connect({}, env);
    const lines: string[] = [];
    expect(await swarm.pushImage("reg.example:5000/shop/web:1", (l) => lines.push(l))).toBe(DIGEST);
    await swarm.close();
    expect(seen[0]?.url).toMatch(/^(\/v[\d.]+)?\/images\/reg.example:5000\/shop\/web\/push\?tag=1$/);
    const header = String(seen[0]?.headers["x-registry-auth"]);
    expect(JSON.parse(Buffer.from(header, "base64url").toString("utf8"))).toEqual({
      serveraddress: "reg.example:5000",
      username: "alice",
      password: "pw",
    });
    expect(lines.join("\n")).not.toContain("pw");
  });

  it("sends an empty credential when none is stored (the engine requires the header)", async () => {
    answer = [JSON.stringify({ aux: { Tag: "1", Digest: DIGEST } })];
    const swarm = await SwarmEngine.connect({}, env);
    await swarm.pushImage("reg.example:5000/shop/web:1");
    await swarm.close();
    expect(Buffer.from(String(seen[0]?.headers["x-registry-auth"]), "base64url").toString()).toBe("{}");
  });

  it("says which login to run when the registry refuses, and fails without a digest", async () => {
    answer = [JSON.stringify({ errorDetail: { message: "unauthorized: authentication required" } })];
    const swarm = await SwarmEngine.connect({}, env);
    await expect(swarm.pushImage("reg.example:5000/shop/web:1")).rejects.toMatchObject({
      message: expect.stringMatching(/registry reg\.example:5000 wants credentials/),
      hint: expect.stringMatching(/docker login reg\.example:5000/),
    });
    answer = [JSON.stringify({ status: "pushed" })];
    await expect(swarm.pushImage("reg.example:5000/shop/web:1")).rejects.toThrow(/reported no digest/);
    await swarm.close();
  });
});
