import { describe, expect, it } from "vitest";
import { docker } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

// Ports unlikely to be taken, different on every run.
const loopbackPort = 21000 + Math.floor(Math.random() * 2000);
const publicPort = loopbackPort + 2000;

const yaml = `
services:
  web:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
    ports: ["127.0.0.1:${loopbackPort}:80", "${publicPort}:81"]
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
  job:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo to stdout; echo to stderr >&2; exit 3"]
`;

const json = (text: string) => JSON.parse(text) as Record<string, unknown> & { format_version: number };

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Results on stdout, everything else on stderr; `--json` everywhere, versioned. */
describe("output streams and --json", () => {
  it("plan, apply, validate, ps, logs, ls and unlock print their results on stdout, as text and as JSON", async () => {
    const stack = e2eStack("streams", yaml);

    // plan: the whole human plan on stdout, so `stack plan > plan.txt` holds it.
    const plan = await stack.ok(["plan"]);
    expect(plan.stdout).toMatch(/^Engine: \S+\n/);
    expect(plan.stdout).toContain("+ service web");
    expect(plan.stdout).toContain("Plan: 3 to add, 0 to change, 0 to replace, 0 to remove.");
    expect(plan.stderr).toBe("");
    const markdown = await stack.ok(["plan", "--format", "markdown"]);
    expect(markdown.stdout.startsWith(`### Stackform plan for stack \`${stack.name}\``)).toBe(true);
    expect(markdown.stdout).toMatch(/^Engine: `\S+`$/m);
    expect(json((await stack.ok(["--json", "plan"])).stdout).format_version).toBe(1);

    // validate: the verdict on stdout; --json gives the diagnostics as data.
    expect((await stack.ok(["validate"])).stdout).toBe(`Stack ${stack.name} is valid: 2 services.\n`);
    const valid = json((await stack.ok(["--json", "validate"])).stdout);
    expect(valid).toMatchObject({ format_version: 1, valid: true, diagnostics: [] });

    // apply --json: one JSON document on stdout counting resources, as the plan does.
    const applied = await stack.ok(["--json", "apply", "-y"]);
    const result = json(applied.stdout);
    expect(result).toMatchObject({
      format_version: 1,
      stack: stack.name,
      status: "succeeded",
      resources: { added: 3, changed: 0, replaced: 0, removed: 0, failed: 0, skipped: 0, not_started: 0 },
    });
    expect(applied.stderr).toContain("Plan: 3 to add");
    // Human apply: the plan and the summary on stdout, in the plan's unit; progress on stderr.
    // (The exited job is planned to start again: it makes this apply do something.)
    const again = await stack.ok(["apply", "-y"]);
    expect(again.stdout).toMatch(/^Engine: \S+\n/);
    expect(again.stdout).toMatch(/Apply complete! Resources: 0 added, 1 changed, 0 replaced, 0 removed\./);
    expect(again.stdout).not.toMatch(/operation/);
    expect(again.stderr).not.toContain("Stackform will perform");
    expect(again.stderr).toContain(`Container ${stack.name}-job-1`);

    // ps: ports as `docker ps` prints them, health, and the exit code of the exited job.
    const web = `${stack.name}-web-1`;
    const job = `${stack.name}-job-1`;
    const psJson = await until("web is healthy and job has exited", async () => {
      const ps = json((await stack.ok(["--json", "ps"])).stdout) as unknown as {
        format_version: number;
        containers: {
          name: string;
          state: string;
          health: string | null;
          exit_code: number | null;
          ports: string;
          published_ports: { host_ip: string; host_port: number; target: number; protocol: string }[];
        }[];
      };
      const states = ps.containers.map((c) => `${c.name}:${c.state}:${c.health}`);
      return states.includes(`${web}:running:healthy`) && states.includes(`${job}:exited:null`)
        ? ps
        : undefined;
    });
    expect(psJson.format_version).toBe(1);
    const dockerPorts = docker("ps", "--filter", `name=^${web}$`, "--format", "{{.Ports}}");
    expect(dockerPorts).toContain(`127.0.0.1:${loopbackPort}->80/tcp`);
    expect(dockerPorts).toContain(`0.0.0.0:${publicPort}->81/tcp`);
    const webRow = psJson.containers.find((c) => c.name === web)!;
    expect(webRow.ports).toBe(dockerPorts);
    expect(webRow.published_ports).toContainEqual({
      host_ip: "127.0.0.1",
      host_port: loopbackPort,
      target: 80,
      protocol: "tcp",
    });
    expect(psJson.containers.find((c) => c.name === job)).toMatchObject({ exit_code: 3, ports: "" });
    const table = (await stack.ok(["ps"])).stdout;
    expect(table).toMatch(/NAME\s+SERVICE\s+STATUS\s+IMAGE\s+PORTS/);
    expect(table).toMatch(new RegExp(`${job}\\s+job\\s+exited \\(3\\)`));
    expect(table).toContain(`${web}   web       running (healthy)`);
    expect(table).toContain(dockerPorts);

    // logs --json: one JSON object per line, with the stream each line came from. (The engine
    // does not keep the order between stdout and stderr, and the job ran once per apply.)
    const logs = (await stack.ok(["--json", "logs", "job"])).stdout.trim().split("\n").map(json);
    const seen = new Set(
      logs.map(({ format_version, service, container, stream, text }) =>
        JSON.stringify({ format_version, service, container, stream, text }),
      ),
    );
    expect([...seen].sort()).toEqual(
      [
        { format_version: 1, service: "job", container: job, stream: "stderr", text: "to stderr" },
        { format_version: 1, service: "job", container: job, stream: "stdout", text: "to stdout" },
      ].map((line) => JSON.stringify(line)),
    );

    // ls and unlock.
    const ls = json((await stack.ok(["--json", "ls"])).stdout) as unknown as {
      format_version: number;
      stacks: { name: string; containers: number }[];
    };
    expect(ls.format_version).toBe(1);
    expect(ls.stacks.find((s) => s.name === stack.name)?.containers).toBe(2);
    const unlock = await stack.ok(["--json", "unlock", "-y"]);
    expect(json(unlock.stdout)).toMatchObject({
      format_version: 1,
      stack: stack.name,
      broken: false,
      lock: null,
    });
    expect((await stack.ok(["unlock", "-y"])).stdout).toBe(`Stack ${stack.name} was not locked.\n`);
  });

  it("validate --json lists every diagnostic with its place and hint, and exits 1", async () => {
    const stack = e2eStack(
      "validate",
      `services:\n  web:\n    image: ${TEST_IMAGE}\n    restart: sometimes\n`,
    );
    const result = await stack.ok(["--json", "validate"], 1);
    const report = json(result.stdout) as unknown as {
      format_version: number;
      valid: boolean;
      diagnostics: Record<string, unknown>[];
    };
    expect(report.format_version).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    const first = report.diagnostics[0]!;
    expect(Object.keys(first).sort()).toEqual(
      ["code", "column", "file", "hint", "line", "message", "path", "severity"].sort(),
    );
    expect(first).toMatchObject({ severity: "error", line: 4 });
    expect(String(first.file)).toMatch(/stack\.yaml$/);

    // Without --json the diagnostics are diagnostics: stderr, and nothing on stdout.
    const human = await stack.ok(["validate"], 1);
    expect(human.stdout).toBe("");
    expect(human.stderr).toMatch(/stack\.yaml:4:\d+/);
  });

  it("a failed apply names the resources that failed and were skipped, in the plan's unit", async () => {
    const stack = e2eStack(
      "failed",
      `
services:
  db:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "exit 4"]
  app:
    image: ${TEST_IMAGE}
    command: sleep 3600
    depends_on:
      db:
        condition: service_completed_successfully
`,
    );
    const result = await stack.ok(["apply", "-y"], 1);
    expect(result.stdout).toMatch(
      /Apply failed\. Resources: 1 added, 0 changed, 0 replaced, 0 removed, 1 failed, 1 skipped\./,
    );
    expect(result.stdout).toMatch(/✘ service db: \S+ failed: .*code 4/);
    expect(result.stdout).toMatch(/- service app: skipped, /);
    expect(result.stdout).not.toMatch(/operations/);
  });
});
