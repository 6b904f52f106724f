// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Compose `${VAR}` interpolation text, not JS templates.
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { type DesiredStack, type LoadOptions, loadStack } from "../src/index.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/valid/${name}`, import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

/** A fixture, or a bundled example when it is one (web-db-cache): each stack file lives once. */
async function load(name: string, options: Partial<LoadOptions> = {}): Promise<DesiredStack> {
  const cwd = name === "web-db-cache" ? example(name) : fixture(name);
  const result = await loadStack({ cwd, env: {}, ...options });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  expect(result.stack).toBeDefined();
  return result.stack as DesiredStack;
}

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const SECOND = 1e9;

describe("real-world-shaped stacks", () => {
  test("web + app + db + cache with healthchecks and an internal network", async () => {
    const stack = await load("web-db-cache", { files: ["stack.yaml"] });
    expect(stack.name).toBe("web-db-cache");
    expect(Object.keys(stack.services)).toEqual(["app", "cache", "db", "web"]);
    const { app, db, web } = stack.services;
    expect(web?.ports).toEqual([{ target: 8080, published: 18081, hostIp: "127.0.0.1", protocol: "tcp" }]);
    expect(web?.command?.[0]).toBe("sh");
    expect(web?.command).toHaveLength(3);
    expect(web?.healthcheck).toEqual({
      test: ["CMD-SHELL", "nc -w 1 127.0.0.1 8080 </dev/null"],
      interval: 2 * SECOND,
      timeout: 2 * SECOND,
      retries: 10,
    });
    expect(web?.dependsOn).toEqual({ app: { condition: "service_healthy", restart: false, required: true } });
    expect(app?.networks).toEqual({ back: { aliases: [] }, front: { aliases: ["api"] } });
    expect(app?.environment.DB_PASSWORD).toBe("dev-only-password");
    expect(app?.sensitiveKeys).toEqual(["DB_PASSWORD"]);
    expect(db?.mounts).toEqual([
      { type: "volume", source: "db-data", target: "/var/lib/db", readOnly: false, noCopy: false },
    ]);
    expect(db?.resources).toEqual({ memoryLimit: 64 * MB });
    expect(db?.restart).toEqual({ name: "unless-stopped", maximumRetryCount: 0 });
    expect(stack.networks.back).toMatchObject({ name: "web-db-cache_back", internal: true, external: false });
    expect(stack.networks.default).toBeUndefined();
    expect(stack.volumes["db-data"]).toMatchObject({ name: "web-db-cache_db-data", driver: "local" });
  });

  test("environment wins over the default in ${VAR:-default}", async () => {
    const stack = await load("web-db-cache", { files: ["stack.yaml"], env: { DB_PASSWORD: "from-env" } });
    expect(stack.services.db?.environment.POSTGRES_PASSWORD).toBe("from-env");
  });

  test("replicas, network_mode service:x, long-syntax ports and volumes", async () => {
    const stack = await load("replicas");
    const { api, metrics, proxy, worker } = stack.services;
    expect(api?.replicas).toBe(3);
    expect(api?.ports).toEqual([{ target: 3000, protocol: "tcp" }]);
    expect(api?.expose).toEqual([
      { port: 3000, protocol: "tcp" },
      { port: 9100, protocol: "tcp" },
      { port: 9101, protocol: "tcp" },
    ]);
    expect(api?.resources).toEqual({
      nanoCpus: 500_000_000,
      memoryLimit: 256 * MB,
      memoryReservation: 128 * MB,
      pidsLimit: 200,
    });
    expect(api?.stopGracePeriod).toBe(90 * SECOND);
    expect(metrics?.networkMode).toEqual({ kind: "service", service: "api" });
    expect(metrics?.networks).toEqual({});
    expect(stack.services["host-tool"]?.networkMode).toEqual({ kind: "host" });
    expect(stack.services["host-tool"]?.entrypoint).toEqual(["/bin/sh", "-c"]);
    expect(proxy?.ports).toEqual([
      { target: 80, published: 80, protocol: "tcp" },
      { target: 443, published: 8443, protocol: "tcp" },
      { target: 9000, hostIp: "127.0.0.1", protocol: "tcp" },
      { target: 6001, published: 6001, hostIp: "::1", protocol: "tcp" },
      { target: 8080, published: 9090, protocol: "udp" },
      { target: 8081, published: 9091, protocol: "udp" },
    ]);
    expect(proxy?.mounts).toEqual([
      {
        type: "bind",
        source: fixture("replicas/traefik.yml"),
        target: "/etc/traefik/traefik.yml",
        readOnly: true,
        createHostPath: false,
      },
      { type: "volume", source: "certs", target: "/certs", readOnly: false, noCopy: true },
      { type: "tmpfs", target: "/tmp", size: 16 * MB, mode: 0o1777 },
      { type: "volume", target: "/var/cache/traefik", readOnly: false, noCopy: false },
      { type: "tmpfs", target: "/run", size: 64 * 1024 },
    ]);
    expect(worker?.replicas).toBe(2);
    expect(worker?.restart).toEqual({ name: "on-failure", maximumRetryCount: 5 });
    expect(worker?.resources).toEqual({
      memoryLimit: GB,
      memswapLimit: 2 * GB,
      nanoCpus: 1_500_000_000,
      cpuShares: 512,
    });
  });

  test("interpolation from .env and the environment, env_file, x-sensitive", async () => {
    const stack = await load("interpolation", { env: { FROM_SHELL: "shell", EMPTY: "", PORT: "8081" } });
    expect(stack.name).toBe("interp");
    const { proxy, web } = stack.services;
    expect(web?.image).toBe("nginx:1.27-alpine");
    expect(web?.replicas).toBe(2);
    expect(proxy?.ports).toEqual([{ target: 80, published: 8081, protocol: "tcp" }]);
    expect(web?.environment).toEqual({
      API_TOKEN: "abc123",
      APP_MODE: "overridden-by-later-file",
      EMPTY_DEFAULT: "was-empty",
      EXTRA: "1",
      FROM_SHELL: "shell",
      GREETING: "hello $world",
      INLINE: "value",
      LOG_LEVEL: "debug",
      MISSING_OK: "fallback",
      PLUS: "tag-is-set",
      PRICE: "$5",
      QUOTED: "a # not a comment",
    });
    expect(Object.keys(web?.environment ?? {})).toEqual(Object.keys(web?.environment ?? {}).sort());
    expect(web?.sensitiveKeys).toEqual(["API_TOKEN", "GREETING"]);
    expect(web?.labels).toEqual({ "com.example.tag": "1.27-alpine" });
  });

  test("-f override files merge with Compose rules", async () => {
    const stack = await load("override", { files: ["stack.yaml", "stack.override.yaml"] });
    const app = stack.services.app;
    expect(stack.files.map((f) => f.split("/").pop())).toEqual(["stack.yaml", "stack.override.yaml"]);
    expect(app?.image).toBe("example/app:1.1");
    expect(app?.command).toEqual(["serve", "--debug"]);
    expect(app?.environment).toEqual({ DEBUG: "1", KEEP: "yes", MODE: "dev" });
    expect(app?.ports.map((p) => p.published)).toEqual([3000, 9229]);
    expect(app?.mounts).toEqual([
      { type: "volume", source: "data", target: "/data", readOnly: false, noCopy: false },
      {
        type: "bind",
        source: fixture("override/src"),
        target: "/config",
        readOnly: false,
        createHostPath: true,
      },
    ]);
    expect(app?.healthcheck).toEqual({
      test: ["CMD", "wget", "-qO-", "http://localhost:3000/health"],
      interval: 5 * SECOND,
    });
    expect(Object.keys(app?.dependsOn ?? {})).toEqual(["cache", "db"]);
    expect(Object.keys(stack.services)).toEqual(["app", "cache", "db"]);
  });

  test("profiles: inactive services are left out, optional dependencies on them dropped", async () => {
    const plain = await load("profiles");
    expect(plain.name).toBe("profiles");
    expect(Object.keys(plain.services)).toEqual(["app"]);
    expect(plain.services.app?.dependsOn).toEqual({});

    const tools = await load("profiles", { profiles: ["tools"] });
    expect(Object.keys(tools.services)).toEqual(["app", "seed"]);

    const all = await load("profiles", { env: { COMPOSE_PROFILES: "debug,ci" } });
    expect(Object.keys(all.services)).toEqual(["app", "debug", "seed"]);
    expect(Object.keys(all.services.app?.dependsOn ?? {})).toEqual(["debug"]);
  });

  test("secrets and configs from files become read-only binds where Compose puts them", async () => {
    const stack = await load("secrets");
    const secret = fixture("secrets/secrets/db_password.txt");
    const config = fixture("secrets/postgres.conf");
    expect(stack.secrets).toEqual({ db_password: { key: "db_password", file: secret } });
    expect(stack.configs).toEqual({ postgres_conf: { key: "postgres_conf", file: config } });
    const bind = (source: string, target: string) => ({
      type: "bind",
      source,
      target,
      readOnly: true,
      createHostPath: false,
    });
    expect(stack.services.db?.mounts).toEqual([
      bind(secret, "/run/secrets/db_password"),
      bind(secret, "/run/secrets/pg_pass"),
      bind(secret, "/etc/pg/password"),
      bind(config, "/postgres_conf"),
      bind(config, "/etc/postgresql/postgresql.conf"),
    ]);
  });

  test("a classic docker-compose.yml: anchors, list forms, build, external resources, warnings", async () => {
    const result = await loadStack({ cwd: fixture("compose-classic"), env: {} });
    const stack = result.stack as DesiredStack;
    expect(stack.name).toBe("compose-classic");
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["warning", "obsolete-key", 1],
      ["warning", "privileged", 74],
      ["warning", "engine-socket", 76],
      ["warning", "bind-outside-project", 77],
    ]);
    const { app, db, tooling, web } = stack.services;
    expect(web?.restart.name).toBe("unless-stopped");
    expect(web?.init).toBe(true);
    expect(web?.extraHosts).toEqual(["host.docker.internal:host-gateway", "metrics:10.0.0.5"]);
    expect(web?.dns).toEqual(["1.1.1.1"]);
    expect(web?.labels).toEqual({ "traefik.enable": "true" });
    expect(app?.image).toBe("compose-classic-app");
    expect(app?.pullPolicy).toBe("missing");
    expect(app?.build).toEqual({
      context: fixture("compose-classic/app"),
      dockerfile: "Dockerfile.prod",
      args: { NODE_VERSION: "20" },
      target: "runtime",
    });
    expect(app?.environment).toEqual({
      DATABASE_URL: "postgres://app@db/app",
      FEATURE_FLAG: "true",
      WORKERS: "4",
    });
    expect(app?.networks).toEqual({
      backend: { aliases: ["api.internal"], ipv4Address: "172.28.0.10" },
      frontend: { aliases: [] },
    });
    expect(app?.dependsOn.db).toEqual({ condition: "service_healthy", restart: true, required: true });
    expect(db?.containerName).toBe("classic-db");
    expect(db?.healthcheck?.startPeriod).toBe(30 * SECOND);
    expect(tooling?.healthcheck).toEqual({ test: ["NONE"] });
    expect(stack.networks.outside).toMatchObject({ name: "shared-proxy", external: true });
    expect(stack.networks.backend?.ipam).toEqual({
      config: [{ subnet: "172.28.0.0/16", gateway: "172.28.0.1" }],
      options: {},
    });
    expect(stack.volumes.legacy).toMatchObject({ name: "legacy", external: true });
    expect(stack.volumes["db-data"]?.labels).toEqual({ backup: "nightly" });
    expect(Object.keys(stack.networks)).toEqual(["backend", "default", "frontend", "outside"]);
  });

  test("the same input always gives the same output", async () => {
    const a = await load("compose-classic");
    const b = await load("compose-classic");
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("the bundled examples", () => {
  test("examples/hello validates", async () => {
    const result = await loadStack({ cwd: example("hello"), env: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.stack?.services.web?.ports).toEqual([
      { target: 8080, published: 18080, hostIp: "127.0.0.1", protocol: "tcp" },
    ]);
    expect(result.stack?.services.worker?.dependsOn.web?.condition).toBe("service_healthy");
  });
});
