import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DesiredStack, loadStack, SERVICE_KEYS } from "@stackform/schema";
import { afterAll, describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { human, observedFromDesired } from "./builders.js";

/**
 * One row per service key of the stack language: the key changed from `before` to `after` in
 * service `web`, and the lines the plan must show. A key without a row fails the suite, so a key
 * added to the schema later cannot go without a diff test; a key that is not a field of the
 * container says why instead.
 */
type Row = { before: string; after: string; shows: string[] } | { notCompared: string };

const ROWS: Record<string, Row> = {
  image: {
    before: "image: web:1",
    after: "image: web:2",
    shows: ['~ image: "web:1" → "web:2" (forces new container)'],
  },
  build: {
    notCompared: "a build makes the image; the container compares with the image's id (see image tests)",
  },
  pull_policy: { notCompared: "says when to fetch the image, not what the container is" },
  command: {
    before: "command: sleep 1",
    after: "command: sleep 2",
    shows: ['~ command: ["sleep","1"] → ["sleep","2"] (forces new container)'],
  },
  entrypoint: {
    before: "entrypoint: [tini, --]",
    after: "entrypoint: [dumb-init]",
    shows: ['~ entrypoint: ["tini","--"] → ["dumb-init"] (forces new container)'],
  },
  environment: {
    before: "environment: {A: '1', GONE: x}",
    after: "environment: {A: '2', NEW: y}",
    shows: [
      '~ environment.A: "1" → "2" (forces new container)',
      '- environment.GONE: "x" (forces new container)',
      '+ environment.NEW: "y" (forces new container)',
    ],
  },
  env_file: {
    before: "env_file: a.env",
    after: "env_file: b.env",
    shows: ['~ environment.FROM_FILE: "a" → "b" (forces new container)'],
  },
  ports: {
    before: 'ports: ["127.0.0.1:8080:80"]',
    after: 'ports: ["127.0.0.1:8081:80", "9000"]',
    shows: [
      '- ports: "127.0.0.1:8080:80/tcp" (forces new container)',
      '+ ports: "127.0.0.1:8081:80/tcp" (forces new container)',
      '+ ports: "9000/tcp" (forces new container)',
    ],
  },
  expose: {
    before: "expose: ['9000']",
    after: "expose: ['9001']",
    shows: ['- expose: "9000/tcp"', '+ expose: "9001/tcp"'],
  },
  volumes: {
    before: "volumes: ['data:/data', '/cache']",
    after: "volumes: ['data:/data:ro', '/scratch']",
    shows: [
      '- volumes[/cache]: "anonymous volume" (forces new container)',
      '~ volumes[/data]: "volume app_data" → "volume app_data:ro" (forces new container)',
      '+ volumes[/scratch]: "anonymous volume" (forces new container)',
    ],
  },
  tmpfs: {
    before: "tmpfs: /run",
    after: "tmpfs: /tmp",
    shows: ['- volumes[/run]: "tmpfs"', '+ volumes[/tmp]: "tmpfs"'],
  },
  networks: {
    before: "networks: [default]",
    after: "networks: [default, back]",
    shows: ['+ networks.back: "connected"'],
  },
  network_mode: {
    before: "network_mode: host",
    after: "network_mode: none",
    shows: ['~ network_mode: "host" → "none" (forces new container)'],
  },
  depends_on: { notCompared: "orders starts and stops; not a property of the container" },
  healthcheck: {
    before: "healthcheck: {test: nc -z localhost 80, interval: 30s, retries: 3}",
    after: "healthcheck: {test: [CMD, 'true'], interval: 10s, start_period: 1m30s, retries: 3}",
    shows: [
      '~ healthcheck.test: "nc -z localhost 80" → ["true"] (forces new container)',
      '~ healthcheck.interval: "30s" → "10s" (forces new container)',
      '+ healthcheck.start_period: "1m30s" (forces new container)',
    ],
  },
  restart: {
    before: "restart: 'no'",
    after: "restart: on-failure:3",
    shows: ['~ restart: "no" → "on-failure:3"'],
  },
  deploy: {
    before: "deploy: {replicas: 1, resources: {limits: {memory: 64m}}}",
    after: "deploy: {replicas: 2, resources: {limits: {memory: 128m}}}",
    shows: [
      '~ deploy.resources.limits.memory: "64MiB" → "128MiB"',
      "~ replicas: 1 → 2",
      "+ container app-web-2",
    ],
  },
  scale: { before: "scale: 2", after: "scale: 1", shows: ["~ replicas: 2 → 1", "- container app-web-2"] },
  mem_limit: {
    before: "mem_limit: 64m",
    after: "mem_limit: 96m",
    shows: ['~ deploy.resources.limits.memory: "64MiB" → "96MiB"'],
  },
  memswap_limit: {
    before: "{mem_limit: 64m, memswap_limit: 128m}",
    after: "{mem_limit: 64m, memswap_limit: 256m}",
    shows: ['~ memswap_limit: "128MiB" → "256MiB"'],
  },
  mem_reservation: {
    before: "mem_reservation: 32m",
    after: "mem_reservation: 48m",
    shows: ['~ deploy.resources.reservations.memory: "32MiB" → "48MiB"'],
  },
  cpus: { before: "cpus: 0.5", after: "cpus: 1.5", shows: ["~ deploy.resources.limits.cpus: 0.5 → 1.5"] },
  cpu_shares: { before: "cpu_shares: 512", after: "cpu_shares: 1024", shows: ["~ cpu_shares: 512 → 1024"] },
  pids_limit: {
    before: "pids_limit: 100",
    after: "pids_limit: 200",
    shows: ["~ deploy.resources.limits.pids: 100 → 200"],
  },
  labels: {
    before: "labels: {tier: front, old: x}",
    after: "labels: {tier: edge}",
    shows: [
      '- labels.old: "x" (forces new container)',
      '~ labels.tier: "front" → "edge" (forces new container)',
    ],
  },
  init: { before: "init: false", after: "init: true", shows: ["+ init: true (forces new container)"] },
  user: {
    before: "user: '1000'",
    after: "user: '1001'",
    shows: ['~ user: "1000" → "1001" (forces new container)'],
  },
  working_dir: {
    before: "working_dir: /srv",
    after: "working_dir: /app",
    shows: ['~ working_dir: "/srv" → "/app" (forces new container)'],
  },
  hostname: {
    before: "hostname: a",
    after: "hostname: b",
    shows: ['~ hostname: "a" → "b" (forces new container)'],
  },
  extra_hosts: {
    before: "extra_hosts: ['db:10.0.0.2']",
    after: "extra_hosts: ['db:10.0.0.3']",
    shows: [
      '- extra_hosts: "db:10.0.0.2" (forces new container)',
      '+ extra_hosts: "db:10.0.0.3" (forces new container)',
    ],
  },
  dns: {
    before: "dns: 1.1.1.1",
    after: "dns: [1.1.1.1, 8.8.8.8]",
    shows: ['+ dns: "8.8.8.8" (forces new container)'],
  },
  cap_add: {
    before: "cap_add: [NET_ADMIN]",
    after: "cap_add: [SYS_TIME]",
    shows: ['- cap_add: "NET_ADMIN"', '+ cap_add: "SYS_TIME"'],
  },
  cap_drop: {
    before: "cap_drop: []",
    after: "cap_drop: [MKNOD]",
    shows: ['+ cap_drop: "MKNOD" (forces new container)'],
  },
  privileged: {
    before: "privileged: false",
    after: "privileged: true",
    shows: ["+ privileged: true (forces new container)"],
  },
  read_only: {
    before: "read_only: true",
    after: "read_only: false",
    shows: ["- read_only: true (forces new container)"],
  },
  stop_signal: {
    before: "stop_signal: SIGTERM",
    after: "stop_signal: SIGINT",
    shows: ['~ stop_signal: "SIGTERM" → "SIGINT" (forces new container)'],
  },
  stop_grace_period: {
    before: "stop_grace_period: 10s",
    after: "stop_grace_period: 1m",
    shows: ['~ stop_grace_period: "10s" → "1m" (forces new container)'],
  },
  tty: { before: "tty: false", after: "tty: true", shows: ["+ tty: true (forces new container)"] },
  stdin_open: {
    before: "stdin_open: false",
    after: "stdin_open: true",
    shows: ["+ stdin_open: true (forces new container)"],
  },
  container_name: {
    before: "container_name: web-a",
    after: "container_name: web-b",
    shows: ['~ container_name: "web-a" → "web-b" (forces new container)'],
  },
  profiles: {
    notCompared: "selects which services are in the stack; a service outside the active profiles is removed",
  },
  secrets: {
    before: "secrets: [token]",
    after: "secrets: [token, other]",
    shows: ['+ volumes[/run/secrets/other]: "bind '],
  },
  configs: { before: "configs: []", after: "configs: [settings]", shows: ['+ volumes[/settings]: "bind '] },
  "x-sensitive": {
    before: "environment: {A: one}",
    after: "{environment: {A: two}, x-sensitive: [A]}",
    shows: ["~ environment.A: (sensitive) → (sensitive) (forces new container)"],
  },
};

const dir = mkdtempSync(join(tmpdir(), "stackform-field-diffs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "a.env"), "FROM_FILE=a\n");
writeFileSync(join(dir, "b.env"), "FROM_FILE=b\n");
writeFileSync(join(dir, "token.txt"), "t\n");
writeFileSync(join(dir, "settings.txt"), "s\n");

/** `web` with `fields` (one YAML flow mapping or a single `key: value` line). */
async function stackWith(fields: string): Promise<DesiredStack> {
  const body = fields.startsWith("{") ? fields.slice(1, -1) : fields;
  const file = join(dir, "stack.yaml");
  writeFileSync(
    file,
    `name: app
services:
  web: {${body.startsWith("image:") ? "" : "image: web:1, "}${body}}
networks: {back: {}}
volumes: {data: {}}
secrets: {token: {file: token.txt}, other: {file: token.txt}}
configs: {settings: {file: settings.txt}}
`,
  );
  const { stack, diagnostics } = await loadStack({ cwd: dir, files: [file], env: {} });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return stack!;
}

describe("every compared field shows its path, old and new value", () => {
  it("has a row for every service key of the stack language", () => {
    expect(Object.keys(ROWS).sort()).toEqual([...SERVICE_KEYS].sort());
  });

  for (const [key, row] of Object.entries(ROWS)) {
    if ("notCompared" in row) continue;
    it(key, async () => {
      const before = await stackWith(row.before);
      const after = await stackWith(row.after);
      const observed = observedFromDesired(before);
      // The fixture engine reports what it was given: no difference may appear out of nothing.
      expect(human(plan(before, observed, { trustConfigHash: false }))).toBe(
        "No changes. The stack matches the engine.\n",
      );
      const text = human(plan(after, observed));
      for (const line of row.shows) expect(text).toContain(line);
    });
  }
});
