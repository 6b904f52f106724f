import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { containersOf, dockerAt, networksOf } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { removeStackFromEngine } from "../support/remove-stack.js";
import { type RunResult, runStack } from "../support/run-stack.js";
import { type SecondEngine, startSecondEngine } from "../support/second-engine.js";
import { type SshServer, startSshServer } from "../support/sshd.js";
import { makeTlsCerts, type TlsCerts } from "../support/tls-certs.js";

// Why: `-H`, DOCKER_HOST, contexts, TLS and ssh:// must each reach the engine they name, and only that one.
// A second dockerd (TLS on 127.0.0.1, plus a unix socket for checking it) and an sshd in front of it stand in
// for a remote host; every success is checked on both engines, every failure must touch neither.

const MAIN_ENGINE = "unix:///var/run/docker.sock";
const CONTEXT = "stackform-e2e-tls";

const yaml = `
services:
  app:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
`;

let certs: TlsCerts;
let engine: SecondEngine;
let sshd: SshServer;
/** DOCKER_CONFIG for every run: holds the TLS context, and keeps the machine's ~/.docker out. */
let dockerConfig: string;

beforeAll(async () => {
  certs = makeTlsCerts();
  engine = await startSecondEngine(certs, [TEST_IMAGE]);
  sshd = await startSshServer();
  dockerConfig = mkdtempSync(join(tmpdir(), "stackform-docker-config-"));
  const { client } = certs;
  execFileSync(
    "docker",
    [
      "context",
      "create",
      CONTEXT,
      "--docker",
      `host=${engine.tcpHost},ca=${client.ca},cert=${client.cert},key=${client.key}`,
    ],
    { env: { ...process.env, DOCKER_CONFIG: dockerConfig }, stdio: "ignore" },
  );
});

afterAll(async () => {
  await sshd?.stop();
  await engine?.stop();
  certs?.[Symbol.dispose]();
  if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
});

/** Stacks applied on the second engine, removed from it after each test (e2eStack cleans the main one). */
const onSecondEngine: string[] = [];
afterEach(async () => {
  for (const name of onSecondEngine.splice(0)) await removeStackFromEngine(name, engine.unixHost);
});

/** Nothing of the machine's own engine settings leaks in; each case sets what it uses. */
function cleanEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    DOCKER_HOST: undefined,
    DOCKER_CONTEXT: undefined,
    DOCKER_TLS_VERIFY: undefined,
    DOCKER_TLS: undefined,
    DOCKER_CERT_PATH: undefined,
    SSH_AUTH_SOCK: undefined,
    DOCKER_CONFIG: dockerConfig,
    ...env,
  };
}

/** Every container (lock and meta ones too) and network of the stack: for "touched nothing". */
const anythingOf = (host: string, stack: string): string[] => {
  const cli = dockerAt(host);
  return [
    ...containersOf(stack, { cli }),
    ...cli("ps", "-a", "--filter", `name=^stackform-(lock|meta)-${stack}$`, "--format", "{{.Names}}")
      .split("\n")
      .filter(Boolean),
    ...networksOf(stack, { cli }),
  ];
};

interface WayIn {
  name: string;
  args: () => string[];
  env: () => Record<string, string | undefined>;
  /** What the CLI must say it is talking to. */
  endpoint: () => string;
}

const waysIn: WayIn[] = [
  {
    name: "DOCKER_HOST=tcp:// with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH",
    args: () => [],
    env: () => ({ DOCKER_HOST: engine.tcpHost, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certs.client.dir }),
    endpoint: () => engine.tcpHost,
  },
  {
    name: "-H tcp:// with the TLS environment",
    args: () => ["-H", engine.tcpHost],
    env: () => ({ DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certs.client.dir }),
    endpoint: () => engine.tcpHost,
  },
  {
    name: "--context made by docker context create (TLS files in the context store)",
    args: () => ["--context", CONTEXT],
    // An inherited DOCKER_HOST must not win over an explicit --context.
    env: () => ({ DOCKER_HOST: MAIN_ENGINE }),
    endpoint: () => engine.tcpHost,
  },
  {
    name: "ssh://root@127.0.0.1:PORT with the key in ssh-agent",
    args: () => ["-H", sshd.url],
    env: () => ({ HOME: sshd.homes.good, SSH_AUTH_SOCK: sshd.agentSocket }),
    endpoint: () => sshd.url,
  },
  {
    name: "ssh:// to a ~/.ssh/config alias (HostName, Port, User, IdentityFile; no agent)",
    args: () => ["-H", `ssh://${sshd.alias}`],
    env: () => ({ HOME: sshd.homes.good }),
    endpoint: () => `ssh://${sshd.alias}`,
  },
];

async function run(stack: { name: string; dir: string }, way: WayIn, command: string[]): Promise<RunResult> {
  return runStack(["-n", stack.name, ...way.args(), ...command], {
    cwd: stack.dir,
    env: cleanEnv(way.env()),
  });
}

function expectOk(result: RunResult, what: string): void {
  if (result.code !== 0) {
    throw new Error(
      `${what} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
}

describe("stack reaches the engine it is pointed at", () => {
  it.each(waysIn.map((way) => [way.name, way] as const))(
    "%s: plan, apply and destroy act there only",
    async (_, way) => {
      const stack = e2eStack("conn", yaml);
      onSecondEngine.push(stack.name);

      const plan = await run(stack, way, ["plan"]);
      expectOk(plan, "plan");
      expect(plan.stdout + plan.stderr).toContain(way.endpoint());
      expect(plan.stdout + plan.stderr).toMatch(/\+ service app/);

      expectOk(await run(stack, way, ["apply", "-y"]), "apply");
      expect(containersOf(stack.name, { cli: engine.docker })).toEqual([`${stack.name}-app-1`]);
      expect(containersOf(stack.name, { cli: dockerAt(MAIN_ENGINE) })).toEqual([]);

      const again = await run(stack, way, ["plan", "--detailed-exitcode"]);
      expect(again.code, again.stderr).toBe(0);

      expectOk(await run(stack, way, ["destroy", "-y"]), "destroy");
      expect(containersOf(stack.name, { cli: engine.docker })).toEqual([]);
      expect(containersOf(stack.name, { cli: dockerAt(MAIN_ENGINE) })).toEqual([]);
    },
  );
});

describe("stack refuses an engine it cannot reach safely, and touches nothing", () => {
  const refusals: {
    name: string;
    args: () => string[];
    env: () => Record<string, string | undefined>;
    says: RegExp;
    hint: RegExp;
  }[] = [
    {
      name: "a TLS engine whose certificate another CA signed",
      args: () => [],
      env: () => ({
        DOCKER_HOST: engine.tcpHost,
        DOCKER_TLS_VERIFY: "1",
        DOCKER_CERT_PATH: certs.wrongCa.dir,
      }),
      says: /TLS certificate .* is not signed by the trusted CA/,
      hint: /ca\.pem|CA/,
    },
    {
      name: "a TLS engine spoken to in plain HTTP",
      args: () => ["-H", engine.tcpHost],
      env: () => ({}),
      says: /requires TLS/,
      hint: /DOCKER_TLS_VERIFY/,
    },
    {
      name: "an ssh host whose key does not match known_hosts",
      args: () => ["-H", sshd.url],
      env: () => ({ HOME: sshd.homes.wrongKey, SSH_AUTH_SOCK: sshd.agentSocket }),
      says: /ssh host key of \[127\.0\.0\.1\]:\d+ has changed/,
      hint: /ssh-keygen -R/,
    },
    {
      name: "an ssh host not in known_hosts",
      args: () => ["-H", sshd.url],
      env: () => ({ HOME: sshd.homes.unknown, SSH_AUTH_SOCK: sshd.agentSocket }),
      says: /ssh host key of \[127\.0\.0\.1\]:\d+ is not in known_hosts/,
      hint: /ssh-keyscan/,
    },
    {
      name: "an unreachable host",
      args: () => ["-H", "tcp://127.0.0.1:1"],
      env: () => ({}),
      says: /tcp:\/\/127\.0\.0\.1:1.*(connection refused|unreachable)/,
      hint: /.+/,
    },
    {
      name: "an unknown context",
      args: () => ["--context", "no-such-context"],
      env: () => ({}),
      says: /context "no-such-context" does not exist/,
      hint: /docker context ls/,
    },
  ];

  it.each(refusals.map((refusal) => [refusal.name, refusal] as const))("%s", async (_, refusal) => {
    const stack = e2eStack("refuse", yaml);
    onSecondEngine.push(stack.name);
    const result = await runStack(["-n", stack.name, ...refusal.args(), "apply", "-y"], {
      cwd: stack.dir,
      env: cleanEnv(refusal.env()),
    });

    expect(result.code, result.stderr).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    const at = lines.findIndex((line) => line.startsWith("Error: "));
    expect(at, result.stderr).toBeGreaterThanOrEqual(0);
    expect(lines[at]).toMatch(refusal.says);
    // One line of cause, then one of what to do.
    expect(lines[at + 1]).toMatch(/^Hint: /);
    expect(lines[at + 1]).toMatch(refusal.hint);
    expect(result.stderr).not.toMatch(/internal error|This is a bug/);

    expect(anythingOf(engine.unixHost, stack.name)).toEqual([]);
    expect(anythingOf(MAIN_ENGINE, stack.name)).toEqual([]);
  });
});
