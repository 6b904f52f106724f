import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { containersOf, docker } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";
import { STACK_BIN, stackOk } from "../support/run-stack.js";

const execFileAsync = promisify(execFile);

const yaml = `
services:
  db:
    image: ${TEST_IMAGE}
    init: true
    command: sleep 3600
  web:
    image: ${TEST_IMAGE}
    init: true
    command: ["sh", "-c", "exec httpd -f -p 8080 -h /"]
    ports: ["127.0.0.1::8080"]
    depends_on: [db]
    environment:
      FROM_FILE: "yes"
`;

/** `stack -n NAME ...args` with `input` on its stdin. */
const withInput = (stack: { name: string; dir: string }, args: string[], input: string) =>
  stackOk(["-n", stack.name, ...args], { cwd: stack.dir, input }, 0);

const imagesToRemove: string[] = [];
afterEach(() => {
  for (const image of imagesToRemove.splice(0)) docker("rmi", "-f", image);
});

/** What people run after `up`: exec, run, stop/start/restart, pull, build, port, top, images. */
describe("day-2 commands", () => {
  it("exec runs in the service's container with -u, -w, -e and --index, passes the exit code, keeps stdout and stderr apart, and relays stdin", async () => {
    const stack = e2eStack("exec", yaml);
    await stack.ok(["apply", "-y", "--wait"]);

    const failing = await stack.ok(["exec", "-T", "web", "sh", "-c", "echo out; echo err >&2; exit 3"], 3);
    expect(failing.stdout).toBe("out\n");
    expect(failing.stderr).toContain("err\n");

    const as = await stack.ok([
      "exec",
      "-T",
      "-u",
      "nobody",
      "-w",
      "/tmp",
      "-e",
      "GREETING=hi",
      "--index",
      "1",
      "web",
      "sh",
      "-c",
      'id -un; pwd; echo "$GREETING $FROM_FILE"; test -t 1 || echo no-tty',
    ]);
    expect(as.stdout).toBe("nobody\n/tmp\nhi yes\nno-tty\n");

    const piped = await withInput(stack, ["exec", "-T", "web", "cat"], "through stdin\n");
    expect(piped.stdout).toBe("through stdin\n");

    const missing = await stack.ok(["exec", "web", "--index", "2", "true"], 1);
    expect(missing.stderr).toContain("service web has no replica 2");
  });

  it("exec allocates a TTY when run in a terminal", async () => {
    const stack = e2eStack("exectty", yaml);
    await stack.ok(["apply", "-y", "--wait"]);
    // script(1) gives the CLI a pseudo-terminal, as an interactive shell would.
    const command = [
      process.execPath,
      STACK_BIN,
      "-n",
      stack.name,
      "exec",
      "web",
      "sh",
      "-c",
      "'test -t 1 && echo has-tty; exit 4'",
    ];
    const result = await execFileAsync("script", ["-qec", command.join(" "), "/dev/null"], {
      cwd: stack.dir,
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(result.stdout).toContain("has-tty");
    expect(result.code).toBe(4);
  });

  it("run makes a one-off container after starting its dependencies, passes the exit code, is not a replica, and destroy removes it", async () => {
    const stack = e2eStack("run", yaml);
    const first = await stack.ok(
      ["run", "-T", "-e", "EXTRA=1", "web", "sh", "-c", 'echo "run $EXTRA $FROM_FILE"; exit 5'],
      5,
    );
    expect(first.stdout).toBe("run 1 yes\n");
    // db (the dependency) was started; web itself was not.
    expect(docker("inspect", "-f", "{{.State.Status}}", `${stack.name}-db-1`)).toBe("running");
    const oneOffs = containersOf(stack.name).filter((n) => n.includes("-web-run-"));
    expect(oneOffs).toHaveLength(1);
    expect(docker("inspect", "-f", '{{index .Config.Labels "com.docker.compose.oneoff"}}', oneOffs[0]!)).toBe(
      "True",
    );
    // Not published, so it never takes the service's ports.
    expect(docker("inspect", "-f", "{{json .HostConfig.PortBindings}}", oneOffs[0]!)).toBe("{}");

    const entry = await withInput(stack, ["run", "-T", "--rm", "--entrypoint", "cat", "web"], "piped in\n");
    expect(entry.stdout).toBe("piped in\n");
    expect(containersOf(stack.name).filter((n) => n.includes("-web-run-"))).toHaveLength(1);

    const detached = JSON.parse((await stack.ok(["run", "-d", "--json", "web", "sleep", "300"])).stdout) as {
      container: string;
    };
    expect(detached.container).toMatch(new RegExp(`^${stack.name}-web-run-[0-9a-f]{12}$`));
    expect(docker("inspect", "-f", "{{.State.Status}}", detached.container)).toBe("running");

    // The planner sees web as missing, the one-offs neither as web nor as orphans.
    const plan = JSON.parse((await stack.ok(["plan", "--format", "json"])).stdout) as {
      changes: { resource: string; action: string }[];
    };
    expect(plan.changes.filter((c) => c.action !== "keep").map((c) => `${c.action} ${c.resource}`)).toEqual([
      "create service web",
    ]);

    await stack.ok(["destroy", "-y"]);
    expect(containersOf(stack.name)).toEqual([]);
  });

  it("stop, start and restart act on the named services; plan reports a stopped service as drift", async () => {
    const stack = e2eStack("lifecycle", yaml);
    await stack.ok(["apply", "-y", "--wait"]);
    const stopped = await stack.ok(["stop", "-t", "1", "web"]);
    expect(stopped.stdout).toBe(`${stack.name}-web-1\n`);
    expect(stopped.stderr).toContain(`Stopping ${stack.name}-web-1`);
    expect(docker("inspect", "-f", "{{.State.Status}}", `${stack.name}-web-1`)).toBe("exited");
    expect(docker("inspect", "-f", "{{.State.Status}}", `${stack.name}-db-1`)).toBe("running");
    const drift = await stack.ok(["plan", "--detailed-exitcode"], 2);
    expect(drift.stdout).toMatch(/service web.*stopped outside Stackform/);

    const started = JSON.parse((await stack.ok(["start", "--json"])).stdout) as { started: string[] };
    expect(started.started).toEqual([`${stack.name}-db-1`, `${stack.name}-web-1`]);
    expect(docker("inspect", "-f", "{{.State.Status}}", `${stack.name}-web-1`)).toBe("running");

    const before = docker("inspect", "-f", "{{.State.StartedAt}}", `${stack.name}-db-1`);
    await stack.ok(["restart", "-t", "1", "db"]);
    expect(docker("inspect", "-f", "{{.State.StartedAt}}", `${stack.name}-db-1`)).not.toBe(before);
    await stack.ok(["plan", "--detailed-exitcode"], 0);

    const unknown = await stack.ok(["stop", "nosuch"], 1);
    expect(unknown.stderr).toContain("no containers for service nosuch");
  });

  it("port, top and images describe the running containers, as text and JSON", async () => {
    const stack = e2eStack("inspect", yaml);
    await stack.ok(["apply", "-y", "--wait"]);
    const bound = docker("port", `${stack.name}-web-1`, "8080/tcp");
    const port = await stack.ok(["port", "web", "8080"]);
    expect(port.stdout.trim()).toBe(bound);
    const portJson = JSON.parse((await stack.ok(["port", "--json", "web", "8080/tcp"])).stdout) as {
      bindings: { host_ip: string; host_port: number }[];
    };
    expect(`${portJson.bindings[0]?.host_ip}:${portJson.bindings[0]?.host_port}`).toBe(bound);
    await stack.ok(["port", "web", "9999"], 1);

    const top = await stack.ok(["top", "web"]);
    expect(top.stdout).toContain(`${stack.name}-web-1`);
    expect(top.stdout).toMatch(/PID/);
    expect(top.stdout).toContain("httpd -f -p 8080");
    const topJson = JSON.parse((await stack.ok(["top", "--json"])).stdout) as {
      containers: { service: string; processes: string[][] }[];
    };
    expect(topJson.containers.map((c) => c.service)).toEqual(["db", "web"]);
    expect(topJson.containers[0]?.processes.some((p) => p.join(" ").includes("sleep 3600"))).toBe(true);

    const images = await stack.ok(["images"]);
    const id = docker("image", "inspect", "-f", "{{.Id}}", TEST_IMAGE).replace("sha256:", "").slice(0, 12);
    expect(images.stdout).toMatch(new RegExp(`${stack.name}-web-1\\s+stackform-test/busybox\\s+1\\s+${id}`));
    const imagesJson = JSON.parse((await stack.ok(["images", "--json", "db"])).stdout) as {
      images: { container: string; size: number }[];
    };
    expect(imagesJson.images.map((i) => i.container)).toEqual([`${stack.name}-db-1`]);
    expect(imagesJson.images[0]?.size).toBeGreaterThan(0);
  });

  it("build builds the services with build:, with progress on stderr; pull reports what it cannot pull", async () => {
    const stack = e2eStack(
      "build",
      `
services:
  app:
    build:
      context: ./app
      args: { GREETING: hello-build }
    command: sleep 3600
  plain:
    image: ${TEST_IMAGE}
`,
    );
    mkdirSync(join(stack.dir, "app"));
    writeFileSync(
      join(stack.dir, "app", "Dockerfile"),
      `FROM ${TEST_IMAGE}\nARG GREETING\nRUN echo "$GREETING" > /greeting\n`,
    );
    const image = `${stack.name}-app`;
    imagesToRemove.push(image);
    const built = await stack.ok(["build", "--json"]);
    const result = JSON.parse(built.stdout) as { built: { service: string; image: string; id: string }[] };
    expect(result.built.map((b) => `${b.service} ${b.image}`)).toEqual([`app ${image}`]);
    expect(built.stderr).toContain("Successfully built");
    expect(docker("run", "--rm", image, "cat", "/greeting")).toBe("hello-build");
    expect(result.built[0]?.id).toBe(docker("image", "inspect", "-f", "{{.Id}}", image));
    await stack.ok(["build", "plain"], 1);

    // No registry answers here: the failure names the image; --ignore-pull-failures exits 0.
    const pulled = await stack.ok(["pull"], 1);
    expect(pulled.stderr).toContain("Skipping app: its image is built");
    expect(pulled.stderr).toContain(`cannot pull image ${TEST_IMAGE}`);
    const ignored = JSON.parse((await stack.ok(["pull", "--ignore-pull-failures", "--json"])).stdout) as {
      images: { image: string; error: string | null }[];
    };
    expect(ignored.images.map((i) => i.image)).toEqual([TEST_IMAGE]);
    expect(ignored.images[0]?.error).toContain(TEST_IMAGE);
  });
});
