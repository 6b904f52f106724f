import { execFileSync } from "node:child_process";
import { connect } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TEST_IMAGE } from "../support/e2e-stack.js";
import {
  noContainersOf,
  type SwarmRig,
  startSwarmRig,
  swarmStacks,
  waitUntil,
} from "../support/swarm-rig.js";

/**
 * The Swarm target on a real three-node Swarm (scripts/swarm-rig.sh). This machine's kernel has no
 * IPVS, so services use `endpoint_mode: dnsrr` and host-mode ports: VIPs and the ingress mesh would
 * not carry traffic here (they do on ordinary hosts).
 */
let rig: SwarmRig;
const timings: Record<string, number> = {};

beforeAll(async () => {
  rig = await startSwarmRig();
  timings["rig up"] = rig.upMs;
}, 120_000);

afterAll(async () => {
  process.stderr.write(`swarm timings (ms): ${JSON.stringify(timings)}\n`);
}, 120_000);

const stacks = swarmStacks(() => rig);
afterEach(() => stacks.removeAll());
const swarmStack = stacks.stack;

const web = (greeting: string) => `
version: "3.8"
x-stackform:
  target: swarm
services:
  web:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "echo $$GREETING from $$(hostname); trap 'exit 0' TERM; while true; do sleep 1; done"]
    environment:
      GREETING: ${greeting}
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      timeout: 1s
      retries: 3
    stop_grace_period: 2s
    deploy:
      replicas: 6
      endpoint_mode: dnsrr
      update_config:
        parallelism: 3
        order: start-first
        monitor: 1s
        failure_action: rollback
  echo:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "while true; do echo hi | nc -l -p 8080; done"]
    # A shell as PID 1 ignores SIGTERM: without this, destroy waits out the default 10 s.
    stop_grace_period: 1s
    ports:
      - target: 8080
        published: 18190
        mode: host
    deploy:
      mode: global
      endpoint_mode: dnsrr
`;

describe("stack on a Swarm (--target swarm)", () => {
  it("spreads, converges, plans clean, updates in place, is seen by docker stack, and destroys to nothing", async () => {
    const stack = swarmStack("web", web("hello"));

    let t = Date.now();
    const applied = await stack.ok(["apply", "-y"]);
    timings["apply 6 replicas + global"] = Date.now() - t;
    expect(applied.stderr).toMatch(/service .*_web: 6\/6 running/);

    // Replicas spread over the nodes.
    const tasks = rig
      .docker(
        0,
        "stack",
        "ps",
        stack.name,
        "--filter",
        "desired-state=running",
        "--format",
        "{{.Name}} {{.Node}}",
      )
      .split("\n");
    const webNodes = new Set(
      tasks.filter((l) => l.startsWith(`${stack.name}_web.`)).map((l) => l.split(" ")[1]),
    );
    expect(tasks.filter((l) => l.startsWith(`${stack.name}_web.`))).toHaveLength(6);
    expect(webNodes.size).toBeGreaterThanOrEqual(2);
    // The global service runs once per node and answers on its host-mode port on each of them.
    expect(tasks.filter((l) => l.startsWith(`${stack.name}_echo.`))).toHaveLength(3);
    expect(await probe("10.231.0.12", 18190)).toBe("hi");

    // `stack ps` lists the tasks per node (the file's x-stackform.target picks the Swarm).
    const ps = JSON.parse((await stack.ok(["ps", "--json"])).stdout) as {
      tasks: { service: string; node: string; state: string }[];
    };
    const running = ps.tasks.filter(
      (task) => task.service === `${stack.name}_web` && task.state === "running",
    );
    expect(new Set(running.map((task) => task.node))).toEqual(webNodes);

    // Draining a node moves its tasks elsewhere; that is task churn, not drift.
    rig.docker(0, "node", "update", "--availability", "drain", "swarm-node3");
    try {
      const moved = await waitUntil(() => {
        const lines = rig
          .docker(
            0,
            "service",
            "ps",
            `${stack.name}_web`,
            "--filter",
            "desired-state=running",
            "--format",
            "{{.Node}} {{.CurrentState}}",
          )
          .split("\n");
        return (
          lines.length === 6 && lines.every((l) => !l.startsWith("swarm-node3") && l.includes("Running"))
        );
      }, 30_000);
      expect(moved).toBe(true);
      expect((await stack.ok(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");
    } finally {
      rig.docker(0, "node", "update", "--availability", "active", "swarm-node3");
    }

    // `docker stack` sees the stack as its own, and `stack ls` lists it with its tasks.
    expect(rig.docker(0, "stack", "ls", "--format", "{{.Name}} {{.Services}}")).toContain(`${stack.name} 2`);
    const ls = JSON.parse((await stack.ok(["ls", "--json"])).stdout) as {
      target: string;
      stacks: { name: string; services: number; running_tasks: number; desired_tasks: number }[];
    };
    expect(ls.target).toBe("swarm");
    const listed = ls.stacks.find((s) => s.name === stack.name);
    expect(listed).toMatchObject({ name: stack.name, services: 2, desired_tasks: 9 });
    expect(listed?.running_tasks).toBeGreaterThanOrEqual(6);

    // `stack logs` reads the service's logs from every node its tasks ran on.
    const logs = (await stack.ok(["logs", "web"])).stdout.split("\n").filter((l) => l.includes("hello from"));
    expect(logs.length).toBeGreaterThanOrEqual(6);
    expect(logs.every((l) => l.startsWith(`${stack.name}_web |`))).toBe(true);
    const jsonLine = JSON.parse(
      (await stack.ok(["logs", "web", "--json", "--tail", "1"])).stdout.split("\n")[0]!,
    );
    expect(jsonLine).toMatchObject({ service: "web", swarm_service: `${stack.name}_web`, stream: "stdout" });

    // A plan after apply is clean, timed against `docker stack deploy` of the same file.
    t = Date.now();
    const plan = await stack.ok(["plan", "--detailed-exitcode"]);
    timings["no-op plan"] = Date.now() - t;
    expect(plan.stdout).toContain("No changes");

    // An env change updates the service in place: same id, new tasks, rolled start-first.
    const id = rig.docker(0, "service", "inspect", "--format", "{{.ID}}", `${stack.name}_web`);
    stack.dir.write("stack.yaml", web("bonjour"));
    const changed = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(changed.stdout).toMatch(/~ service web[\s\S]*environment\.GREETING: "hello" → "bonjour"/);
    t = Date.now();
    await stack.ok(["apply", "-y"]);
    timings["rolling update 6 replicas"] = Date.now() - t;
    expect(rig.docker(0, "service", "inspect", "--format", "{{.ID}}", `${stack.name}_web`)).toBe(id);
    const env = rig.docker(
      0,
      "service",
      "inspect",
      "--format",
      "{{json .Spec.TaskTemplate.ContainerSpec.Env}}",
      `${stack.name}_web`,
    );
    expect(env).toContain("GREETING=bonjour");
    expect((await stack.ok(["plan", "--detailed-exitcode"])).stdout).toContain("No changes");

    // Destroy leaves nothing on any node.
    await stack.ok(["destroy", "-y"]);
    expect(await waitUntil(() => noContainersOf(rig, stack.name), 30_000)).toBe(true);
    for (let n = 0; n < 3; n++) {
      expect(
        rig.docker(n, "network", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack.name}`),
      ).toBe("");
    }
    expect(
      rig.docker(0, "service", "ls", "-q", "--filter", `label=com.docker.stack.namespace=${stack.name}`),
    ).toBe("");
  });

  it("times a no-op `docker stack deploy` of the same file beside a no-op plan", async () => {
    const yaml = `version: "3.8"\nservices:\n  web:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    deploy:\n      replicas: 2\n      endpoint_mode: dnsrr\n`;
    const stack = swarmStack("cmp", yaml);
    await stack.ok(["apply", "-y", "--target", "swarm"]);
    const deploy = () =>
      execFileSync(
        "docker",
        [
          "-H",
          rig.hosts[0] ?? "",
          "stack",
          "deploy",
          "--resolve-image",
          "never",
          "-c",
          "stack.yaml",
          stack.name,
        ],
        { cwd: stack.dir.path, stdio: ["ignore", "pipe", "pipe"] },
      );
    deploy();
    let t = Date.now();
    deploy();
    timings["no-op docker stack deploy"] = Date.now() - t;
    t = Date.now();
    // STACK_TARGET chooses the target too; what docker stack deploy made of the same file is
    // exactly what Stackform would have made: the plan is clean.
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 0, { STACK_TARGET: "swarm" });
    timings["no-op plan after docker stack deploy"] = Date.now() - t;
    expect(plan.stdout).toContain("No changes");
  });

  it("applies a saved plan exactly, and refuses one the Swarm has moved past", async () => {
    const file = (replicas: number) =>
      `x-stackform: { target: swarm }\nservices:\n  app:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "3600"]\n    deploy:\n      replicas: ${replicas}\n      endpoint_mode: dnsrr\n`;
    const stack = swarmStack("saved", file(1));
    await stack.ok(["plan", "--out", "first.json"]);
    await stack.ok(["apply", "first.json"]);
    const replicas = () =>
      rig.docker(
        0,
        "service",
        "inspect",
        "--format",
        "{{.Spec.Mode.Replicated.Replicas}}",
        `${stack.name}_app`,
      );
    expect(replicas()).toBe("1");

    stack.dir.write("stack.yaml", file(2));
    await stack.ok(["plan", "--out", "second.json"]);
    // Someone changes the service after the plan was saved: the plan no longer describes the Swarm.
    rig.docker(0, "service", "update", "--detach", "--env-add", "BY=hand", `${stack.name}_app`);
    const stale = await stack.ok(["apply", "second.json"], 1);
    expect(stale.stderr).toContain("the saved plan is stale");
    expect(replicas()).toBe("1");
  });

  it("makes secrets and configs Swarm objects, rotates a changed one, and removes them with the stack", async () => {
    const SECRET = "swarm-secret-7d1e2a";
    const file = (greeting: string) => `
x-stackform: { target: swarm }
services:
  app:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "cat /etc/app.conf; echo; md5sum /run/secrets/db_password; sleep 3600"]
    stop_grace_period: 1s
    secrets: [db_password]
    configs: [{ source: app_conf, target: /etc/app.conf }]
    deploy: { replicas: 1, endpoint_mode: dnsrr }
secrets:
  db_password: { environment: DB_PASSWORD }
configs:
  app_conf: { content: "greeting=${greeting}" }
`;
    const env = { DB_PASSWORD: SECRET };
    const stack = swarmStack("files", file("hello"));
    const applied = await stack.ok(["apply", "-y"], 0, env);
    const objects = (kind: string) =>
      rig.docker(
        0,
        kind,
        "ls",
        "--format",
        "{{.Name}}",
        "--filter",
        `label=com.docker.stack.namespace=${stack.name}`,
      );
    expect(objects("secret")).toMatch(new RegExp(`^${stack.name}_db_password_[0-9a-f]{12}$`));
    const firstConfig = objects("config");
    expect(firstConfig).toMatch(new RegExp(`^${stack.name}_app_conf_[0-9a-f]{12}$`));
    const md5 = execFileSync("md5sum", { input: SECRET, encoding: "utf8" }).split(" ")[0]!;
    const logged = async (text: string) =>
      waitUntil(() => {
        const out = execFileSync(
          "docker",
          ["-H", rig.hosts[0] ?? "", "service", "logs", "--raw", `${stack.name}_app`],
          {
            encoding: "utf8",
          },
        );
        return out.includes(text) && out.includes(md5);
      }, 30_000);
    expect(await logged("greeting=hello")).toBe(true);
    expect((await stack.ok(["plan", "--detailed-exitcode"], 0, env)).stdout).toContain("No changes");

    stack.dir.write("stack.yaml", file("bonjour"));
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2, env);
    expect(plan.stdout).toMatch(/\+ config app_conf\s+# its value changed/);
    expect(plan.stdout).toMatch(/~ service app/);
    await stack.ok(["apply", "-y"], 0, env);
    expect(await logged("greeting=bonjour")).toBe(true);
    expect(objects("config")).not.toBe(firstConfig);
    expect(objects("config").split("\n")).toHaveLength(1);
    for (const out of [applied.stdout, applied.stderr, plan.stdout, plan.stderr])
      expect(out).not.toContain(SECRET);

    await stack.ok(["destroy", "-y"], 0, env);
    expect(objects("secret")).toBe("");
    expect(objects("config")).toBe("");
  });

  it("rolls a failing update back through Swarm and exits 1 with the task errors", async () => {
    const file = (command: string) => `
x-stackform: { target: swarm }
services:
  app:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "${command}"]
    deploy:
      replicas: 2
      endpoint_mode: dnsrr
      update_config: { parallelism: 1, monitor: 2s, failure_action: rollback, order: stop-first }
      rollback_config: { parallelism: 0, monitor: 1s }
`;
    const stack = swarmStack("rollback", file("trap 'exit 0' TERM; while true; do sleep 1; done"));
    await stack.ok(["apply", "-y"]);
    stack.dir.write("stack.yaml", file("echo broken >&2; exit 3"));
    const failed = await stack.ok(["apply", "-y", "--wait-timeout", "60s"], 1);
    expect(failed.stderr).toMatch(/service .*_app: update rollback completed/);
    expect(failed.stderr).toMatch(/task failed on swarm-node\d: task: non-zero exit \(3\)/);
    // Swarm put the old spec back: the plan shows the file's change again.
    expect((await stack.ok(["plan", "--detailed-exitcode"], 2)).stdout).toContain("~ service app");
  });

  it("refuses an engine that is not a Swarm manager, saying how to fix it", async () => {
    const stack = swarmStack("nomgr", `services:\n  web:\n    image: ${TEST_IMAGE}\n`);
    const result = await stack.ok(["plan", "--target", "swarm"], 1, {
      DOCKER_HOST: "unix:///var/run/docker.sock",
    });
    expect(result.stderr).toMatch(/not part of a Swarm/);
    expect(result.stderr).toMatch(/docker swarm init/);
  });
});

/** One line from a TCP server (busybox nc), or the error. */
function probe(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    let data = "";
    socket.on("data", (chunk) => (data += chunk));
    socket.on("end", () => resolve(data.trim()));
    socket.on("timeout", () => {
      socket.destroy();
      resolve(`timeout: ${data}`);
    });
    socket.on("error", (error) => resolve(`error: ${error.message}`));
  });
}
