import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { containerIds } from "../support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

/** Compare every field with the live container, as if the hash labels were not there. */
const FULL_COMPARE = { STACKFORM_TRUST_CONFIG_HASH: "0" };

/** A block device of this host, for blkio limits: the engine refuses a path that is not one. */
const BLOCK_DEVICE = (() => {
  const names = readdirSync("/sys/block");
  const name = names.find((n) => !/^(loop|zram|ram)/.test(n)) ?? names[0];
  if (!name) throw new Error("no block device in /sys/block for blkio_config");
  return `/dev/${name}`;
})();

/**
 * Every container key the stack language supports, on the real engine. Left out, each covered by
 * the planner's per-field table (packages/planner/test/field-diffs.test.ts) instead:
 * - `privileged: true`: this machine's runtime refuses the capabilities it grants ("unable to
 *   apply caps").
 * - `cpu_rt_period`/`cpu_rt_runtime`: the kernel here has no real-time group scheduling (runc
 *   cannot write cpu.rt_runtime_us).
 * - `blkio_config.weight`/`weight_device`: this kernel has no CFQ/BFQ weights; the engine
 *   discards them (and reports 0), so the plan would rightly show them as never applied.
 * - `storage_opt`: overlay2 takes a size only on xfs with pquota, which this host lacks.
 * - `runtime` other than runc, and devices this host lacks.
 */
const kitchenSink = (port: number, mode: string) => `
include: [extra.yaml]
services:
  api:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    entrypoint: ["/bin/sh", "-c", "exec \\"$$@\\"", "--"]
    environment:
      MODE: ${mode}
      DB_PASSWORD: hunter2
    env_file: app.env
    ports:
      - "127.0.0.1:${port}:80"
      - "127.0.0.1::81/udp"
    expose: ["9000"]
    volumes:
      - data:/data
      - /anon
      - ./:/host:ro
    tmpfs: /run
    networks:
      default:
      back:
        aliases: [api-back]
    healthcheck:
      test: ["CMD", "true"]
      interval: 5s
      timeout: 2s
      start_period: 1s
      retries: 3
    restart: unless-stopped
    deploy:
      resources:
        limits: {memory: 64m, cpus: "0.5", pids: 100}
        reservations: {memory: 32m}
    cpu_shares: 512
    labels: {tier: api}
    label_file: app.labels
    attach: false
    init: true
    user: "0"
    working_dir: /srv
    hostname: api-host
    extra_hosts: ["db.local:10.0.0.2"]
    dns: ["1.1.1.1"]
    cap_add: [NET_ADMIN]
    cap_drop: [MKNOD]
    read_only: true
    stop_signal: SIGINT
    stop_grace_period: 3s
    tty: true
    stdin_open: true
    secrets: [token]
    configs: [settings]
    dns_opt: ["ndots:2"]
    dns_search: [example.internal]
    logging:
      driver: json-file
      options: {max-size: 1m, max-file: "2"}
    domainname: example.internal
    mac_address: "02:42:AC:11:00:99"
    ipc: shareable
    shm_size: 128m
  worker:
    extends: {file: base.yaml, service: sleeper}
    scale: 2
    network_mode: "service:api"
    depends_on:
      api: {condition: service_healthy}
    cpu_period: 100000
    cpu_quota: 50ms
    cpuset: "0"
    mem_swappiness: 10
    blkio_config:
      device_read_bps: [{path: ${BLOCK_DEVICE}, rate: 10mb}]
      device_write_iops: [{path: ${BLOCK_DEVICE}, rate: 200}]
  solo:
    image: ${TEST_IMAGE}
    command: sleep 3600
    init: true
    container_name: CONTAINER_NAME
    privileged: false
    pull_policy: never
    mem_limit: 48m
    memswap_limit: 96m
    mem_reservation: 16m
    cpus: 0.25
    pids_limit: 50
    network_mode: none
    logging:
      options: {max-size: 2m}
    ulimits:
      nofile: {soft: 1024, hard: 2048}
      nproc: 512
    sysctls: {net.core.somaxconn: "1024"}
    security_opt: [no-new-privileges]
    devices: ["/dev/null:/dev/sink-null:rw"]
    pid: host
    uts: host
    userns_mode: host
    cgroup: private
    cgroup_parent: stackform-sink
    oom_kill_disable: true
    oom_score_adj: 100
    group_add: ["123", nobody]
    runtime: runc
    device_cgroup_rules: ["c 1:3 mr"]
  sharer:
    image: ${TEST_IMAGE}
    command: sleep 3600
    pid: "service:api"
    ipc: "service:api"
    # Not api: the engine cannot share its tmpfs mount (the loader says so).
    volumes_from: ["extra:ro", "container:CONTAINER_NAME"]
    links: [api, "api:apihost"]
    external_links: ["STACK_NAME-extra-1:outside"]
    depends_on: [solo]
networks:
  back: {internal: true}
volumes:
  data: {}
secrets:
  token: {file: token.txt}
configs:
  settings: {file: settings.txt}
`;

describe("a stack that uses every supported key", () => {
  it("plans clean after apply when every field is compared with the live container", async () => {
    const stack = e2eStack("sink", "");
    const write = (port: number, mode: string) =>
      stack.write(
        kitchenSink(port, mode)
          .replaceAll("CONTAINER_NAME", `${stack.name}-solo`)
          .replaceAll("STACK_NAME", stack.name),
      );
    stack.write("S=1\n", "app.env");
    stack.write("team=core\ntier=overridden\n", "app.labels");
    stack.write("secret\n", "token.txt");
    stack.write("setting\n", "settings.txt");
    stack.write(
      `services:\n  sleeper:\n    image: ${TEST_IMAGE}\n    command: sleep 3600\n    init: true\n`,
      "base.yaml",
    );
    stack.write(
      `services:\n  extra:\n    image: ${TEST_IMAGE}\n    command: sleep 3600\n    init: true\n    volumes: ["./:/extra:ro"]\n`,
      "extra.yaml",
    );
    write(18311, "prod");
    await stack.ok(["apply", "-y"]);

    const clean = await stack.ok(["plan", "--detailed-exitcode"], 0, FULL_COMPARE);
    expect(clean.stdout).toContain("No changes.");

    // Changed fields show their old values as read from the engine, and nothing else shows.
    write(18312, "dev");
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2, FULL_COMPARE);
    // The cause line goes on with how the rollout runs, which is not this test's business.
    expect(plan.stdout).toContain("-/+ service api  # environment.MODE and ports changed");
    expect(plan.stdout).toContain(`
      ~ environment.MODE: "prod" → "dev" (forces new container)
      - ports: "127.0.0.1:18311:80/tcp" (forces new container)
      + ports: "127.0.0.1:18312:80/tcp" (forces new container)
`);
    expect(plan.stdout).toContain(
      `-/+ service sharer  # it shares the process namespace of ${stack.name}-api-1, which is recreated`,
    );
    expect(plan.stdout).not.toContain("hunter2");
    expect(plan.stdout).not.toContain("service solo");

    const before = containerIds(stack.name);
    // From `include:`, and `extends` from another file (the worker has no image of its own).
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([`${stack.name}-extra-1`, `${stack.name}-worker-1`, `${stack.name}-worker-2`]),
    );
    await stack.ok(["apply", "-y"]);
    const after = containerIds(stack.name);
    expect(after[`${stack.name}-solo`]).toBe(before[`${stack.name}-solo`]);
    expect(after[`${stack.name}-api-1`]).not.toBe(before[`${stack.name}-api-1`]);
    expect(after[`${stack.name}-sharer-1`]).not.toBe(before[`${stack.name}-sharer-1`]);
    await stack.ok(["plan", "--detailed-exitcode"], 0, FULL_COMPARE);
  });
});
