import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const defineStackSource = fileURLToPath(new URL("./define-stack.ts", import.meta.url));
const typeRoots = fileURLToPath(new URL("../../../node_modules/@types", import.meta.url));

const good = `
import { defineStack } from "stackform";
export const plain = defineStack({
  services: {
    web: {
      image: "nginx:1.27",
      restart: "on-failure:3",
      pull_policy: "missing",
      network_mode: "service:db",
      ports: [{ target: 80, published: 8080, protocol: "udp" }],
      depends_on: { db: { condition: "service_healthy" } },
      healthcheck: { test: ["CMD", "true"], interval: "10s", retries: 3 },
      volumes: ["data:/data", { type: "bind", source: ".", target: "/srv", bind: { create_host_path: true } }],
      networks: { front: { aliases: ["www"] }, back: null },
      deploy: { replicas: 2, resources: { limits: { memory: "512m" } }, update_config: { order: "stop-first" } },
      ulimits: { nproc: 65535, nofile: { soft: 1024, hard: 2048 } },
      secrets: ["token", { source: "token", target: "/run/token" }],
    },
    db: { image: "postgres:17", restart: "unless-stopped", build: ".", networks: ["back"], depends_on: ["web"] },
    api: { build: { context: "api", args: ["A=1"] }, expose: [8080] },
  },
  networks: { front: { driver: "bridge" }, back: null },
  volumes: { data: { external: true } },
  secrets: { token: { file: "./token" } },
  "x-stackform": { target: "containers" },
  include: ["other.yaml", { path: ["a.yaml", "b.yaml"] }],
});
export default defineStack(({ env, required }) => ({
  services: { web: { image: \`nginx:\${required("TAG", "set TAG")}\`, user: env.WEB_USER } },
}));
`;

const bad = `
import { defineStack } from "stackform";
export default defineStack({
  services: {
    web: {
      image: "nginx",
      restart: "sometimes",
      pull_policy: "hourly",
      network_mode: "container:abc",
      ports: [{ target: 80, protocol: "icmp" }],
      depends_on: { db: { condition: "service_ready" } },
      volumes: [{ type: "nfs", target: "/srv" }],
      healthcheck: { intervall: "10s" },
    },
  },
});
`;

/**
 * Type-checks two user stacks as a user's project would, with `stackform` mapped to these
 * sources: one run of tsc (it takes seconds), the errors told apart by file.
 */
async function typecheck(files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "stackform-typed-"));
  try {
    for (const [file, source] of Object.entries(files)) writeFileSync(join(dir, file), source);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "preserve",
          moduleResolution: "bundler",
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [typeRoots],
          paths: { stackform: [defineStackSource] },
        },
        files: Object.keys(files),
      }),
    );
    const result = await run(process.execPath, [tsc, "-p", dir], { cwd: dir }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    );
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("defineStack's types", () => {
  test("accept a correct stack in both forms, and reject values the loader would refuse", async () => {
    const output = await typecheck({ "good.ts": good, "bad.ts": bad });
    const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
    expect(errors.filter((line) => !line.startsWith("bad.ts"))).toEqual([]);
    expect(errors.map((line) => /^bad\.ts\((\d+),/.exec(line)?.[1])).toEqual([
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
      "13",
    ]);
    for (const value of ["sometimes", "hourly", "container:abc", "icmp", "service_ready", "nfs"]) {
      expect(output).toContain(`"${value}"`);
    }
    // The JSDoc laid over the types keeps excess-property checks: a misspelt key is named.
    expect(output).toContain("'intervall' does not exist");
  }, 120_000);
});
