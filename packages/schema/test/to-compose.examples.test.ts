import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import {
  type DesiredStack,
  type LoadOptions,
  loadStack,
  redactStack,
  renderCompose,
  toCompose,
} from "../src/index.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/valid/${name}`, import.meta.url));
const example = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "stackform-to-compose-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(options: LoadOptions): Promise<DesiredStack> {
  const result = await loadStack(options);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  return result.stack as DesiredStack;
}

let counter = 0;
/** Writes the rendering elsewhere and loads it: only where the files are may differ. */
async function reload(text: string, extension: string, profiles?: string[]): Promise<DesiredStack> {
  const file = join(dir, `rendered-${counter++}.${extension}`);
  writeFileSync(file, text);
  return load({ cwd: dir, files: [file], env: {}, ...(profiles ? { profiles } : {}) });
}

const bookkeeping = (stack: DesiredStack) => ({ ...stack, files: [], workingDir: "" });

const cases: [string, LoadOptions][] = [
  ["examples/hello", { cwd: example("hello"), env: {} }],
  ["examples/web-db-cache (yaml)", { cwd: example("web-db-cache"), files: ["stack.yaml"], env: {} }],
  ["examples/web-db-cache (ts)", { cwd: example("web-db-cache"), files: ["stack.ts"], env: {} }],
  ["compose-classic", { cwd: fixture("compose-classic"), env: {} }],
  ["interpolation", { cwd: fixture("interpolation"), env: { FROM_SHELL: "shell", EMPTY: "", PORT: "8081" } }],
  ["override", { cwd: fixture("override"), files: ["stack.yaml", "stack.override.yaml"], env: {} }],
  ["profiles (debug, ci)", { cwd: fixture("profiles"), env: {}, profiles: ["debug", "ci"] }],
  ["replicas", { cwd: fixture("replicas"), env: {} }],
  ["secrets", { cwd: fixture("secrets"), env: {} }],
  ["host-options", { cwd: fixture("host-options"), env: {} }],
  ["extends-include", { cwd: fixture("extends-include"), env: {} }],
];

describe("stack config renders a Compose file that loads back to the same stack", () => {
  test.each(cases)("%s, as YAML and as JSON", async (_name, options) => {
    const stack = await load(options);
    const fromYaml = await reload(renderCompose(stack, "yaml"), "yaml", options.profiles);
    expect(bookkeeping(fromYaml)).toEqual(bookkeeping(stack));
    const fromJson = await reload(renderCompose(stack, "json"), "json", options.profiles);
    expect(bookkeeping(fromJson)).toEqual(bookkeeping(stack));
  });
});

describe("the rendering", () => {
  test("of examples/hello is the Compose file a person would write, with defaults left out", async () => {
    const stack = await load({ cwd: example("hello"), env: {} });
    expect(parse(renderCompose(stack, "yaml"))).toEqual({
      name: "hello",
      services: {
        web: {
          image: "stackform-example/busybox:1",
          command: [
            "sh",
            "-c",
            "mkdir -p /www && echo hello from stackform > /www/index.html && exec httpd -f -p 8080 -h /www",
          ],
          ports: [{ target: 8080, published: "18080", host_ip: "127.0.0.1" }],
          healthcheck: {
            test: ["CMD-SHELL", "nc -w 1 127.0.0.1 8080 </dev/null"],
            interval: "2s",
            timeout: "2s",
            start_period: "1s",
            retries: 10,
          },
          init: true,
        },
        worker: {
          image: "stackform-example/busybox:1",
          command: ["sleep", "3600"],
          volumes: [{ type: "volume", source: "scratch", target: "/scratch" }],
          depends_on: { web: { condition: "service_healthy" } },
          init: true,
        },
      },
      volumes: { scratch: {} },
    });
  });

  test("uses Compose names, units and long forms", async () => {
    const stack = await load({ cwd: fixture("compose-classic"), env: {} });
    const doc = toCompose(stack) as { services: Record<string, Record<string, unknown>> };
    const { app, db, tooling, web } = doc.services;
    expect(app).toMatchObject({
      working_dir: "/srv",
      user: "1000:1000",
      depends_on: { db: { condition: "service_healthy", restart: true } },
      environment: { DATABASE_URL: "postgres://app@db/app", FEATURE_FLAG: "true", WORKERS: "4" },
      networks: { backend: { aliases: ["api.internal"], ipv4_address: "172.28.0.10" }, frontend: {} },
      restart: "unless-stopped",
    });
    expect(app?.build).toEqual({
      context: join(fixture("compose-classic"), "app"),
      dockerfile: "Dockerfile.prod",
      args: { NODE_VERSION: "20" },
      target: "runtime",
    });
    // Without `image:` a built service is named after the stack and defaults to `pull_policy:
    // build`; this one said if_not_present, which is written in its canonical spelling.
    expect(app?.image).toBeUndefined();
    expect(app?.pull_policy).toBe("missing");
    expect(db?.healthcheck).toEqual({
      test: ["CMD-SHELL", "pg_isready -U postgres"],
      interval: "10s",
      timeout: "5s",
      start_period: "30s",
      retries: 5,
    });
    expect(tooling?.healthcheck).toEqual({ disable: true });
    expect(web).toMatchObject({
      cap_add: ["NET_BIND_SERVICE"],
      cap_drop: ["ALL"],
      extra_hosts: ["host.docker.internal:host-gateway", "metrics:10.0.0.5"],
      volumes: [
        {
          type: "bind",
          source: join(fixture("compose-classic"), "html"),
          target: "/usr/share/nginx/html",
          read_only: true,
          bind: { create_host_path: true },
        },
      ],
    });
    expect(JSON.stringify(doc)).not.toMatch(/workingDir|sensitiveKeys|capAdd|stopGracePeriod|dependsOn/);
  });

  test("writes secrets and configs back as references, and $ as $$", async () => {
    const secrets = await load({ cwd: fixture("secrets"), env: {} });
    const db = (toCompose(secrets) as { services: Record<string, Record<string, unknown>> }).services.db;
    expect(db?.secrets).toEqual([
      "db_password",
      { source: "db_password", target: "/run/secrets/pg_pass" },
      { source: "db_password", target: "/etc/pg/password" },
    ]);
    expect(db?.configs).toEqual([
      "postgres_conf",
      { source: "postgres_conf", target: "/etc/postgresql/postgresql.conf" },
    ]);
    expect(db?.volumes).toBeUndefined();
    const interpolated = await load({
      cwd: fixture("interpolation"),
      env: { FROM_SHELL: "shell", EMPTY: "", PORT: "8081" },
    });
    expect(renderCompose(interpolated, "yaml")).toContain("PRICE: $$5");
  });

  test("quotes strings a YAML 1.1 reader would take for something else, and the merge key", async () => {
    const file = join(dir, "traps.yaml");
    writeFileSync(
      file,
      JSON.stringify({
        name: "traps",
        services: { web: { image: "x", environment: { "<<": "no", T: "6:30" } } },
      }),
    );
    const stack = await load({ cwd: dir, files: [file], env: {} });
    const yaml = renderCompose(stack, "yaml");
    expect(yaml).toContain('"<<": "no"');
    expect(yaml).toContain('T: "6:30"');
    expect(bookkeeping(await reload(yaml, "yaml"))).toEqual(bookkeeping(stack));
  });

  test("masks what redactStack masks, and JSON carries x-stackform.format_version", async () => {
    const stack = await load({ cwd: fixture("compose-classic"), env: {} });
    const json = JSON.parse(renderCompose(redactStack(stack), "json"));
    expect(json["x-stackform"]).toEqual({ format_version: 1 });
    expect(json.services.db.environment.POSTGRES_PASSWORD).toBe("(sensitive)");
    expect(JSON.stringify(json)).not.toContain('"example"');
    // Compose ignores x- keys: the JSON is still a stack file.
    expect(bookkeeping(await reload(renderCompose(stack, "json"), "json"))).toEqual(bookkeeping(stack));
  });
});
