import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containersOf } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

/** Bounded in CI; `STACKFORM_PROPERTY_RUNS=50` for a longer hunt. */
const RUNS = Number(process.env.STACKFORM_PROPERTY_RUNS ?? 4);
const FULL_COMPARE = { STACKFORM_TRUST_CONFIG_HASH: "0" };

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
const duration = fc.constantFrom("1s", "2s", "500ms", "1m30s");

/** One service drawn from the keys a single engine honours, each present or not. */
const service = fc.record(
  {
    command: fc.constantFrom(["sleep", "3600"], "sleep 3600", ["sh", "-c", "exec sleep 3600"]),
    environment: fc.dictionary(
      fc.stringMatching(/^[A-Z][A-Z0-9_]{0,6}$/),
      fc.stringMatching(/^[a-zA-Z0-9 _./-]{0,8}$/),
      {
        maxKeys: 3,
      },
    ),
    ports: fc.array(
      fc.record({ target: fc.integer({ min: 1, max: 9000 }), protocol: fc.constantFrom("tcp", "udp") }),
      { maxLength: 2 },
    ),
    expose: fc.array(fc.integer({ min: 1, max: 9000 }).map(String), { maxLength: 2 }),
    volumes: fc.subarray(["data:/data", "/anon", "data:/ro:ro"]),
    tmpfs: fc.constantFrom("/run", "/tmp"),
    labels: fc.dictionary(word, word, { maxKeys: 2 }),
    healthcheck: fc.record({
      test: fc.constant(["CMD", "true"]),
      interval: duration,
      retries: fc.integer({ min: 1, max: 5 }),
    }),
    restart: fc.constantFrom("no", "always", "on-failure:2", "unless-stopped"),
    user: fc.constantFrom("0", "1000", "nobody"),
    working_dir: fc.constantFrom("/", "/tmp", "/srv"),
    hostname: word,
    extra_hosts: fc.constant(["db.local:10.0.0.2"]),
    dns: fc.constant(["1.1.1.1"]),
    cap_add: fc.subarray(["NET_ADMIN", "SYS_TIME"]),
    cap_drop: fc.subarray(["MKNOD", "NET_RAW"]),
    read_only: fc.boolean(),
    stop_signal: fc.constantFrom("SIGINT", "SIGTERM"),
    stop_grace_period: fc.constantFrom("1s", "3s"),
    tty: fc.boolean(),
    stdin_open: fc.boolean(),
    mem_limit: fc.constantFrom("32m", "64m"),
    cpus: fc.constantFrom(0.25, 0.5),
    scale: fc.integer({ min: 1, max: 2 }),
    networks: fc.subarray(["default", "back"], { minLength: 1 }),
  },
  { requiredKeys: ["command"] },
);

const stackFile = fc.dictionary(word, service, { minKeys: 1, maxKeys: 3 }).map((services) => ({
  services: Object.fromEntries(
    Object.entries(services).map(([name, s]) => [
      name,
      {
        image: TEST_IMAGE,
        init: true,
        ...s,
        // Published on loopback, on a port the engine picks: runs never collide.
        ports: s.ports?.map((p) => `127.0.0.1::${p.target}/${p.protocol}`),
      },
    ]),
  ),
  networks: { back: {} },
  volumes: { data: {} },
}));

describe("random valid stacks", () => {
  it(
    "apply, plan clean field by field, and destroy with nothing left",
    async () => {
      await fc.assert(
        fc.asyncProperty(stackFile, async (file) => {
          // JSON is YAML: the file needs no serialiser of its own.
          const stack = e2eStack("prop", JSON.stringify(file, null, 2));
          await stack.ok(["apply", "-y"]);
          const plan = await stack.run(["plan", "--detailed-exitcode"], FULL_COMPARE);
          expect(plan.code, `${plan.stdout}\n${plan.stderr}`).toBe(0);
          await stack.ok(["destroy", "-y", "--volumes"]);
          expect(containersOf(stack.name)).toEqual([]);
        }),
        { numRuns: RUNS, seed: Number(process.env.STACKFORM_PROPERTY_SEED ?? 20261130), endOnFailure: true },
      );
    },
    RUNS * 60_000,
  );
});
