import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { COMPOSE_PROJECT_LABEL, docker, labelled } from "../support/docker-cli.js";
import { e2eStack } from "../support/e2e-stack.js";

const run = promisify(execFile);
const exampleFile = (example: string) =>
  readFileSync(new URL(`../../examples/${example}/stack.yaml`, import.meta.url), "utf8");

/**
 * The example as Compose v1 (docker-compose 1.29) reads it: v1 refuses the top-level `name:` and
 * the long port syntax's `host_ip`, so those are written in the forms it knows (the project name
 * comes from `-p`, the port from its short form). Stackform then reads the very same file.
 */
function forComposeV1(yaml: string): string {
  return yaml
    .replace(/^name: .*\n/m, "")
    .replace(
      /- target: (\d+)\n\s+published: "(\d+)"\n\s+host_ip: ([\d.]+)\n/,
      (_, target, published, hostIp) => `- "${hostIp}:${published}:${target}"\n`,
    );
}

const projects: { name: string; dir: string }[] = [];
afterEach(async () => {
  for (const project of projects.splice(0)) {
    await run("docker-compose", ["-p", project.name, "-f", "stack.yaml", "down", "-v", "--timeout", "1"], {
      cwd: project.dir,
    });
  }
});

/** Container name → id and start time, for the project's containers. */
function containersOf(project: string): Map<string, string> {
  const names = labelled("container", COMPOSE_PROJECT_LABEL, project);
  return new Map(names.map((n) => [n, docker("inspect", "-f", "{{.Id}} {{.State.StartedAt}}", n)]));
}

const EXAMPLES = [
  {
    example: "hello",
    /** worker: a new command. */
    change: (yaml: string) => yaml.replace('command: ["sleep", "3600"]', 'command: ["sleep", "3601"]'),
    changed: "worker",
  },
  {
    example: "web-db-cache",
    /** cache, which app waits for (healthy): a new environment variable. */
    change: (yaml: string) =>
      yaml.replace(
        'command: ["nc", "-ll", "-p", "6379", "-e", "cat"]',
        'command: ["nc", "-ll", "-p", "6379", "-e", "cat"]\n    environment:\n      CACHE_SIZE: "64"',
      ),
    changed: "cache",
  },
];

/** Migrating from Compose: take over a running project as it is, then change it with plans. */
describe("adopting a running Compose project", () => {
  for (const { example, change, changed } of EXAMPLES) {
    it(`examples/${example}: plans no changes for the project docker-compose started, then replaces only the service that changed`, async () => {
      const yaml = forComposeV1(exampleFile(example));
      expect(change(yaml)).not.toBe(yaml);
      const stack = e2eStack("adopt", yaml);
      projects.push({ name: stack.name, dir: stack.dir });
      await run("docker-compose", ["-p", stack.name, "-f", "stack.yaml", "up", "-d"], { cwd: stack.dir });
      const started = containersOf(stack.name);
      expect([...started.keys()].every((n) => n.startsWith(`${stack.name}_`))).toBe(true);

      // Adopted as it runs: nothing to change, and nothing restarted by looking.
      const plan = await stack.ok(["-f", "stack.yaml", "plan", "--detailed-exitcode"]);
      expect(plan.stdout).toContain("No changes");
      expect(containersOf(stack.name)).toEqual(started);

      // The next real change replaces that service alone; the Compose-made others keep running.
      stack.write(change(yaml));
      const applied = await stack.ok(["-f", "stack.yaml", "apply", "-y", "--wait"]);
      expect(applied.stdout).toContain("1 replaced");
      const after = containersOf(stack.name);
      for (const [name, identity] of started) {
        if (name === `${stack.name}_${changed}_1`) expect(after.has(name)).toBe(false);
        else expect(after.get(name), name).toBe(identity);
      }
      expect(after.has(`${stack.name}-${changed}-1`)).toBe(true);
      await stack.ok(["-f", "stack.yaml", "plan", "--detailed-exitcode"]);

      // From now on the project is a stack: destroy removes what Compose made too.
      await stack.ok(["destroy", "-y", "--volumes"]);
      expect(containersOf(stack.name).size).toBe(0);
      expect(labelled("network", COMPOSE_PROJECT_LABEL, stack.name)).toEqual([]);
      expect(labelled("volume", COMPOSE_PROJECT_LABEL, stack.name)).toEqual([]);
    });
  }
});
