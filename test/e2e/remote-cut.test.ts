import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyWatching } from "../support/apply-watching.js";
import { type CutProxy, startCutProxy } from "../support/cut-proxy.js";
import { containersOf } from "../support/docker-cli.js";
import { sleepersYaml, TEST_IMAGE } from "../support/e2e-stack.js";
import { removeStackFromEngine } from "../support/remove-stack.js";
import { runStack, stackOk } from "../support/run-stack.js";
import { type SecondEngine, startSecondEngine } from "../support/second-engine.js";
import { type SshServer, startSshServer } from "../support/sshd.js";
import { stackDir } from "../support/stack-dir.js";
import { makeTlsCerts, type TlsCerts } from "../support/tls-certs.js";

/**
 * The connection to a remote engine is cut mid-apply, as a CI runner losing its network does: a
 * TCP proxy in front of the TLS engine (or of the sshd that dials it) resets every connection at
 * a seeded moment and refuses new ones. The apply must stop with one clear account naming the
 * engine and exit 1; once the network is back, ONE more apply converges and the plan is clean.
 * CI runs a few trials per transport; STACKFORM_CUT_TRIALS=N (and STACKFORM_CUT_SEED) hunts longer.
 */
const TRIALS = Number(process.env.STACKFORM_CUT_TRIALS ?? 2);
const SEED = Number(process.env.STACKFORM_CUT_SEED ?? 1718);
const SERVICES = 10;
const FULL_COMPARE = { STACKFORM_TRUST_CONFIG_HASH: "0" };

const stackYaml = sleepersYaml(SERVICES);

let certs: TlsCerts;
let engine: SecondEngine;
let sshd: SshServer;
let tlsProxy: CutProxy;
let sshProxy: CutProxy;
/** HOME for ssh: known_hosts has the sshd's key under the proxy's port; DOCKER_CONFIG: empty. */
let home: string;

beforeAll(async () => {
  certs = makeTlsCerts();
  engine = await startSecondEngine(certs, [TEST_IMAGE]);
  sshd = await startSshServer();
  tlsProxy = await startCutProxy(engine.port);
  sshProxy = await startCutProxy(sshd.port);
  home = mkdtempSync(join(tmpdir(), "stackform-cut-home-"));
  mkdirSync(join(home, ".ssh"), { mode: 0o700 });
  writeFileSync(join(home, ".ssh", "known_hosts"), `[127.0.0.1]:${sshProxy.port} ${sshd.hostKey}\n`, {
    mode: 0o600,
  });
  mkdirSync(join(home, ".docker"));
}, 180_000);

afterAll(async () => {
  await tlsProxy?.[Symbol.asyncDispose]();
  await sshProxy?.[Symbol.asyncDispose]();
  await sshd?.stop();
  await engine?.stop();
  certs?.[Symbol.dispose]();
  if (home) rmSync(home, { recursive: true, force: true });
});

interface Transport {
  name: string;
  proxy: () => CutProxy;
  host: () => string;
  env: () => Record<string, string | undefined>;
}

const base = () => ({
  DOCKER_HOST: undefined,
  DOCKER_CONTEXT: undefined,
  DOCKER_TLS_VERIFY: undefined,
  DOCKER_CERT_PATH: undefined,
  SSH_AUTH_SOCK: undefined,
  HOME: home,
  DOCKER_CONFIG: join(home, ".docker"),
  STACKFORM_ENGINE_TIMEOUT: "30s",
});

const transports: Transport[] = [
  {
    name: "TLS (tcp://, reset)",
    proxy: () => tlsProxy,
    host: () => `tcp://127.0.0.1:${tlsProxy.port}`,
    env: () => ({ ...base(), DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certs.client.dir }),
  },
  {
    name: "ssh (session cut)",
    proxy: () => sshProxy,
    host: () => `ssh://root@127.0.0.1:${sshProxy.port}`,
    env: () => ({ ...base(), SSH_AUTH_SOCK: sshd.agentSocket }),
  },
];

/** Cut moments, as progress lines printed (tied to the apply's work, not to wall time). Seeded. */
const [moments = []] = fc.sample(
  fc.noBias(
    fc.uniqueArray(fc.integer({ min: 1, max: 3 * SERVICES }), { minLength: TRIALS, maxLength: TRIALS }),
  ),
  { seed: SEED, numRuns: 1 },
);

/** What each trial saw, for docs/faults.md: printed once the file has run. */
const results: string[] = [];
afterAll(() => {
  if (results.length > 0) process.stderr.write(`remote cut trials:\n  ${results.join("\n  ")}\n`);
});

describe.each(transports)("the connection to a remote engine is cut mid-apply: $name", (transport) => {
  it.each(moments.map((lines, trial) => [trial, lines]))(
    "trial %i: cut after %i progress lines; exit 1 with a clear account, then one re-apply converges",
    async (trial, lines) => {
      const name = `cut${transport.name.startsWith("ssh") ? "ssh" : "tls"}${trial}-${SEED}`;
      using dir = stackDir({ "stack.yaml": stackYaml });
      const args = (...rest: string[]) => ["-H", transport.host(), "-n", name, ...rest];
      const env = transport.env();
      const proxy = transport.proxy();
      try {
        let cutAt: number | undefined;
        const first = await applyWatching(args("apply", "-y"), dir.path, env, (count) => {
          if (count >= lines && cutAt === undefined) {
            cutAt = count;
            proxy.cut();
          }
        });
        proxy.restore();
        const said = `${first.stdout}\n${first.stderr}`;
        expect(cutAt, `the apply finished before the cut:\n${said}`).toBeDefined();
        expect(first.code, said).toBe(1);
        expect(said).toMatch(/the engine connection was lost/);
        expect(said).toContain(transport.host());
        expect(said).toMatch(/converge/);
        // Every operation the cut failed says so, once, in the same words: no raw transport text
        // ("Not connected", "socket hang up") and no stack trace without --verbose.
        const failed = said.split("\n").filter((line) => / FAILED /.test(line));
        for (const line of failed) expect(line).toMatch(/the engine connection was lost$/);
        expect(said).not.toMatch(/at .*\.js:\d+|not connected|socket hang up/i);

        const started = Date.now();
        await stackOk(args("apply", "-y"), { cwd: dir.path, env });
        const plan = await runStack(args("plan", "--detailed-exitcode"), {
          cwd: dir.path,
          env: { ...env, ...FULL_COMPARE },
        });
        expect(plan.code, `${plan.stdout}\n${plan.stderr}`).toBe(0);
        expect(containersOf(name, { running: true, cli: engine.docker })).toHaveLength(SERVICES);
        results.push(
          `${transport.name}, cut after ${cutAt} progress lines: exit ${first.code}, ` +
            `"the engine connection was lost"; re-apply converged in ${((Date.now() - started) / 1000).toFixed(1)}s, plan clean`,
        );
      } finally {
        proxy.restore();
        // Over the second engine's unix socket, never through the proxy.
        await removeStackFromEngine(name, engine.unixHost);
      }
    },
    180_000,
  );
});
