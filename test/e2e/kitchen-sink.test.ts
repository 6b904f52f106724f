import { describe, expect, it } from "vitest";
import { containerIds } from "./support/docker-cli.js";
import { e2eStack, TEST_IMAGE } from "./support/e2e-stack.js";

/** Compare every field with the live container, as if the hash labels were not there. */
const FULL_COMPARE = { STACKFORM_TRUST_CONFIG_HASH: "0" };

/**
 * Every container key the stack language supports, on the real engine. `privileged: true` is the
 * one left out: this machine's runtime refuses the capabilities it grants ("unable to apply
 * caps"); its comparison is covered by the planner's per-field table.
 */
const kitchenSink = (port: number, mode: string) => `
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
  worker:
    image: ${TEST_IMAGE}
    command: sleep 3600
    init: true
    scale: 2
    network_mode: "service:api"
    depends_on:
      api: {condition: service_healthy}
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
      stack.write(kitchenSink(port, mode).replace("CONTAINER_NAME", `${stack.name}-solo`));
    stack.write("S=1\n", "app.env");
    stack.write("secret\n", "token.txt");
    stack.write("setting\n", "settings.txt");
    write(18311, "prod");
    await stack.ok(["apply", "-y"]);

    const clean = await stack.ok(["plan", "--detailed-exitcode"], 0, FULL_COMPARE);
    expect(clean.stdout).toContain("No changes.");

    // Changed fields show their old values as read from the engine, and nothing else shows.
    write(18312, "dev");
    const plan = await stack.ok(["plan", "--detailed-exitcode"], 2, FULL_COMPARE);
    expect(plan.stdout).toContain(`-/+ service api  # environment.MODE and ports changed
      ~ environment.MODE: "prod" → "dev" (forces new container)
      - ports: "127.0.0.1:18311:80/tcp" (forces new container)
      + ports: "127.0.0.1:18312:80/tcp" (forces new container)
`);
    expect(plan.stdout).not.toContain("hunter2");
    expect(plan.stdout).not.toContain("service solo");

    const before = containerIds(stack.name);
    await stack.ok(["apply", "-y"]);
    const after = containerIds(stack.name);
    expect(after[`${stack.name}-solo`]).toBe(before[`${stack.name}-solo`]);
    expect(after[`${stack.name}-api-1`]).not.toBe(before[`${stack.name}-api-1`]);
    await stack.ok(["plan", "--detailed-exitcode"], 0, FULL_COMPARE);
  });
});
