import { type DesiredStack, SERVICE_KEYS } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { plan } from "../src/plan.js";
import { human, observedFromDesired } from "./builders.js";
import { desiredLoader } from "./desired-loader.js";

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
  pull_refresh_after: { notCompared: "with pull_policy refresh, says when to fetch the image again" },
  platform: {
    before: "platform: linux/amd64",
    after: "platform: linux/arm64",
    shows: ['~ platform: "linux/amd64" → "linux/arm64" (forces new container)'],
  },
  post_start: {
    notCompared: "run by the applier after a start, not part of the container (lifecycle-hooks.test.ts)",
  },
  pre_stop: {
    notCompared: "run by the applier before a stop, not part of the container (lifecycle-hooks.test.ts)",
  },
  develop: { notCompared: "read by `stack watch` only, not part of the container (develop-watch.test.ts)" },
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
  "x-stackform": { notCompared: "says how a change rolls out (drain), not what the container is" },
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
  use_api_socket: {
    before: "use_api_socket: false",
    after: "use_api_socket: true",
    shows: ['+ volumes[/var/run/docker.sock]: "bind /var/run/docker.sock" (forces new container)'],
  },
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
  dns_opt: {
    before: "dns_opt: [ndots:2]",
    after: "dns_opt: [ndots:3]",
    shows: ['- dns_opt: "ndots:2" (forces new container)', '+ dns_opt: "ndots:3" (forces new container)'],
  },
  dns_search: {
    before: "dns_search: a.example",
    after: "dns_search: [b.example]",
    shows: ['- dns_search: "a.example"', '+ dns_search: "b.example"'],
  },
  logging: {
    before: "logging: {options: {max-size: 1m}}",
    after: "logging: {driver: local, options: {max-file: 3}}",
    shows: [
      '~ logging.driver: "json-file" → "local" (forces new container)',
      '+ logging.options.max-file: "3" (forces new container)',
      '- logging.options.max-size: "1m" (forces new container)',
    ],
  },
  ulimits: {
    before: "ulimits: {nofile: {soft: 1024, hard: 2048}}",
    after: "ulimits: {nofile: 4096, nproc: 100}",
    shows: [
      '~ ulimits.nofile: "1024:2048" → "4096" (forces new container)',
      '+ ulimits.nproc: "100" (forces new container)',
    ],
  },
  sysctls: {
    before: "sysctls: {net.core.somaxconn: 1024}",
    after: "sysctls: [net.core.somaxconn=2048, net.ipv4.tcp_syncookies=0]",
    shows: [
      '~ sysctls.net.core.somaxconn: "1024" → "2048" (forces new container)',
      '+ sysctls.net.ipv4.tcp_syncookies: "0" (forces new container)',
    ],
  },
  shm_size: {
    before: "shm_size: 64m",
    after: "shm_size: 1g",
    shows: ['~ shm_size: "64MiB" → "1GiB" (forces new container)'],
  },
  security_opt: {
    before: "{pid: host, security_opt: [no-new-privileges]}",
    after: "{pid: host, security_opt: ['seccomp=unconfined']}",
    shows: [
      '- security_opt: "no-new-privileges" (forces new container)',
      '+ security_opt: "seccomp=unconfined" (forces new container)',
    ],
  },
  devices: {
    before: "devices: ['/dev/null:/dev/mynull']",
    after: "devices: [{source: /dev/zero, permissions: r}]",
    shows: [
      '- devices: "/dev/null:/dev/mynull:rwm" (forces new container)',
      '+ devices: "/dev/zero:/dev/zero:r" (forces new container)',
    ],
  },
  pid: { before: "pid: host", after: "{}", shows: ['- pid: "host" (forces new container)'] },
  ipc: {
    before: "ipc: shareable",
    after: "ipc: host",
    shows: ['~ ipc: "shareable" → "host" (forces new container)'],
  },
  links: {
    before: "links: [peer]",
    after: "links: ['peer:db']",
    shows: [
      '- links: "app-peer-1:peer" (forces new container)',
      '+ links: "app-peer-1:db" (forces new container)',
    ],
  },
  external_links: {
    before: "external_links: [outside]",
    after: "external_links: ['outside:db']",
    shows: ['- links: "outside" (forces new container)', '+ links: "outside:db" (forces new container)'],
  },
  volumes_from: {
    before: "volumes_from: ['container:data-a']",
    after: "volumes_from: ['container:data-a:ro', 'container:data-b']",
    shows: [
      '- volumes_from: "data-a" (forces new container)',
      '+ volumes_from: "data-a:ro" (forces new container)',
      '+ volumes_from: "data-b" (forces new container)',
    ],
  },
  cgroup_parent: {
    before: "cgroup_parent: a",
    after: "cgroup_parent: b",
    shows: ['~ cgroup_parent: "a" → "b" (forces new container)'],
  },
  cgroup: {
    before: "cgroup: host",
    after: "cgroup: private",
    shows: ['~ cgroup: "host" → "private" (forces new container)'],
  },
  oom_kill_disable: {
    before: "oom_kill_disable: false",
    after: "oom_kill_disable: true",
    shows: ["~ oom_kill_disable: false → true (forces new container)"],
  },
  oom_score_adj: {
    before: "oom_score_adj: 100",
    after: "oom_score_adj: '-500'",
    shows: ["~ oom_score_adj: 100 → -500 (forces new container)"],
  },
  group_add: {
    before: "group_add: [audio]",
    after: "group_add: [audio, 1000]",
    shows: ['+ group_add: "1000" (forces new container)'],
  },
  domainname: {
    before: "domainname: a.example",
    after: "domainname: b.example",
    shows: ['~ domainname: "a.example" → "b.example" (forces new container)'],
  },
  mac_address: {
    before: "mac_address: '02:42:AC:11:00:02'",
    after: "mac_address: '02:42:ac:11:00:03'",
    shows: ['~ mac_address: "02:42:ac:11:00:02" → "02:42:ac:11:00:03" (forces new container)'],
  },
  userns_mode: {
    before: "{}",
    after: "userns_mode: host",
    shows: ['+ userns_mode: "host" (forces new container)'],
  },
  uts: { before: "uts: host", after: "{}", shows: ['- uts: "host" (forces new container)'] },
  runtime: {
    before: "runtime: runc",
    after: "runtime: runsc",
    shows: ['~ runtime: "runc" → "runsc" (forces new container)'],
  },
  cpu_period: {
    before: "cpu_period: 100000",
    after: "cpu_period: 50ms",
    shows: ["~ cpu_period: 100000 → 50000 (forces new container)"],
  },
  cpu_quota: {
    before: "cpu_quota: 50000",
    after: "{}",
    shows: ["- cpu_quota: 50000 (forces new container)"],
  },
  cpu_rt_period: {
    before: "cpu_rt_period: 1s",
    after: "cpu_rt_period: 500000",
    shows: ["~ cpu_rt_period: 1000000 → 500000 (forces new container)"],
  },
  cpu_rt_runtime: {
    before: "{}",
    after: "cpu_rt_runtime: 950ms",
    shows: ["+ cpu_rt_runtime: 950000 (forces new container)"],
  },
  cpuset: {
    before: "cpuset: '0'",
    after: "cpuset: 0-1",
    shows: ['~ cpuset: "0" → "0-1" (forces new container)'],
  },
  mem_swappiness: {
    before: "mem_swappiness: 0",
    after: "mem_swappiness: 60",
    shows: ["~ mem_swappiness: 0 → 60 (forces new container)"],
  },
  blkio_config: {
    before: "blkio_config: {weight: 300, device_read_bps: [{path: /dev/sda, rate: 1mb}]}",
    after: "blkio_config: {weight: 500, device_write_iops: [{path: /dev/sda, rate: 100}]}",
    shows: [
      "~ blkio_config.weight: 300 → 500 (forces new container)",
      '- blkio_config.device_read_bps: "/dev/sda 1048576" (forces new container)',
      '+ blkio_config.device_write_iops: "/dev/sda 100" (forces new container)',
    ],
  },
  device_cgroup_rules: {
    before: "device_cgroup_rules: ['c 1:3 mr']",
    after: "device_cgroup_rules: ['c 1:3 mr', 'a 7:* rmw']",
    shows: ['+ device_cgroup_rules: "a 7:* rmw" (forces new container)'],
  },
  storage_opt: {
    before: "storage_opt: {size: 1G}",
    after: "storage_opt: {size: 2G}",
    shows: ['~ storage_opt.size: "1G" → "2G" (forces new container)'],
  },
  label_file: {
    before: "label_file: a.labels",
    after: "{label_file: [a.labels, b.labels], labels: {tier: edge}}",
    shows: [
      '~ labels.from-file: "a" → "b" (forces new container)',
      '~ labels.tier: "front" → "edge" (forces new container)',
    ],
  },
  extends: {
    notCompared: "merged by the loader into the service's own keys, whose rows cover the diffs",
  },
  attach: { notCompared: "which services' output `docker compose up` follows; `stack apply` follows none" },
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

const desired = desiredLoader("field-diffs", {
  "a.env": "FROM_FILE=a\n",
  "b.env": "FROM_FILE=b\n",
  "a.labels": "from-file=a\ntier=front\n",
  "b.labels": "from-file=b\n",
  "token.txt": "t\n",
  "settings.txt": "s\n",
});

/** `web` with `fields` (one YAML flow mapping or a single `key: value` line). */
function stackWith(fields: string): Promise<DesiredStack> {
  const body = fields.startsWith("{") ? fields.slice(1, -1) : fields;
  return desired(`name: app
services:
  web: {${body.startsWith("image:") ? "" : "image: web:1, "}${body}}
  peer: {image: peer:1}
networks: {back: {}}
volumes: {data: {}}
secrets: {token: {file: token.txt}, other: {file: token.txt}}
configs: {settings: {file: settings.txt}}
`);
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
