import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containersOf, docker, inspectContainer, networksOf, volumesOf } from "../support/docker-cli.js";
import { type E2EStack, e2eStack, TEST_IMAGE } from "../support/e2e-stack.js";

/**
 * Random histories, model-checked: fast-check draws sequences of edits to one stack (add or remove
 * a service; change its env, ports, command, networks, volumes, replicas or healthcheck; rename a
 * network; scale to 0), each followed by `stack apply -y`. After every step the plan is clean with
 * every field compared, the engine matches the model (read with the docker CLI, not Stackform's
 * code), the marker file in a named volume is still there, and a bystander container and volume
 * that are not the stack's (though named like it) are untouched.
 *
 * CI runs a bounded number of steps; `STACKFORM_MODEL_STEPS=1000` runs a long hunt
 * (`STACKFORM_MODEL_SEED` replays one).
 */
const STEPS = Number(process.env.STACKFORM_MODEL_STEPS ?? 15);
const SEED = Number(process.env.STACKFORM_MODEL_SEED ?? 20261130);
const MAX_COMMANDS = 10;
const FULL_COMPARE = { STACKFORM_TRUST_CONFIG_HASH: "0" };

const SERVICE_NAMES = ["s0", "s1", "s2", "s3"] as const;
type ServiceName = (typeof SERVICE_NAMES)[number];
const ENV_KEYS = ["A", "B", "C"] as const;
const TARGETS = [80, 81] as const;

/** How a container port is published: loopback or all addresses with an engine-chosen port, or a fixed loopback port. */
type PortKind = "loopback" | "any" | "fixed";
interface PortModel {
  target: (typeof TARGETS)[number];
  kind: PortKind;
}

const COMMANDS = {
  list: { yaml: ["sleep", "3600"], cmd: ["sleep", "3600"] },
  shell: { yaml: ["sh", "-c", "exec sleep 3601"], cmd: ["sh", "-c", "exec sleep 3601"] },
  string: { yaml: "sleep 3602", cmd: ["sleep", "3602"] },
} as const;
type CommandKey = keyof typeof COMMANDS;

interface ServiceModel {
  command: CommandKey;
  env: Partial<Record<(typeof ENV_KEYS)[number], string>>;
  ports: PortModel[];
  networks: ("default" | "back")[];
  volumes: ("data" | "cache")[];
  replicas: number;
  healthcheck: boolean;
}

interface Model {
  services: Partial<Record<ServiceName, ServiceModel>>;
  /** Renames of the network `back`: its `name:` is `<stack>-back-<suffix>`; undefined: `<stack>_back`. */
  backSuffix: string | undefined;
}

/** The real side: the stack under test, its per-run port range and what must survive. */
interface Real {
  stack: E2EStack;
  portBase: number;
  bystanderId: string;
  /** Set once the marker is written, after the first apply created the volume. */
  marker: boolean;
  steps: { count: number };
}

const VOLUME_TARGETS = { data: "/data", cache: "/cache" } as const;

const fixedPort = (real: Real, service: ServiceName, target: number) =>
  real.portBase + SERVICE_NAMES.indexOf(service) * TARGETS.length + TARGETS.indexOf(target as 80 | 81);

function stackFile(model: Model, real: Real): string {
  const services = Object.fromEntries(
    Object.entries(model.services).map(([name, s]) => [
      name,
      {
        image: TEST_IMAGE,
        init: true,
        // Stops (replacements, scale-downs, removals) never wait the default 10 s.
        stop_grace_period: "1s",
        command: COMMANDS[s.command].yaml,
        environment: s.env,
        ports: s.ports.map((p) =>
          p.kind === "loopback"
            ? `127.0.0.1::${p.target}`
            : p.kind === "any"
              ? `${p.target}`
              : `127.0.0.1:${fixedPort(real, name as ServiceName, p.target)}:${p.target}`,
        ),
        networks: s.networks,
        volumes: s.volumes.map((v) => `${v}:${VOLUME_TARGETS[v]}`),
        scale: s.replicas,
        ...(s.healthcheck ? { healthcheck: { test: ["CMD", "true"], interval: "1s", retries: 3 } } : {}),
      },
    ]),
  );
  // JSON is YAML.
  return JSON.stringify(
    {
      services,
      networks: { back: model.backSuffix ? { name: `${real.stack.name}-back-${model.backSuffix}` } : {} },
      volumes: { data: {}, cache: {} },
    },
    null,
    2,
  );
}

const sorted = <T>(items: T[]) => [...items].sort();

/** Checks the engine against the model; throws with what differs. */
function checkEngine(model: Model, real: Real): void {
  const name = real.stack.name;
  const netName = (key: "default" | "back") =>
    key === "back" && model.backSuffix ? `${name}-back-${model.backSuffix}` : `${name}_${key}`;

  // Containers, by name.
  const expected = new Map<string, { service: ServiceName; model: ServiceModel }>();
  for (const [service, s] of Object.entries(model.services) as [ServiceName, ServiceModel][])
    for (let n = 1; n <= s.replicas; n++) expected.set(`${name}-${service}-${n}`, { service, model: s });
  expect(containersOf(name), "the stack's containers").toEqual(sorted([...expected.keys()]));

  for (const [container, { service, model: s }] of expected) {
    const c = inspectContainer(container);
    const where = `${container}:`;
    expect(c.State.Running, `${where} running`).toBe(true);
    expect(c.Config.Image, `${where} image`).toBe(TEST_IMAGE);
    expect(c.Config.Cmd, `${where} command`).toEqual(COMMANDS[s.command].cmd);
    const env = (c.Config.Env ?? []).filter((e) =>
      (ENV_KEYS as readonly string[]).includes(e.split("=")[0] ?? ""),
    );
    expect(sorted(env), `${where} env`).toEqual(sorted(Object.entries(s.env).map(([k, v]) => `${k}=${v}`)));
    const bindings = Object.entries(c.HostConfig.PortBindings ?? {}).flatMap(([port, binds]) =>
      (binds ?? []).map(
        (b) => `${port} ${b.HostIp === "0.0.0.0" ? "" : b.HostIp}:${b.HostPort === "0" ? "" : b.HostPort}`,
      ),
    );
    expect(sorted(bindings), `${where} ports`).toEqual(
      sorted(
        s.ports.map(
          (p) =>
            `${p.target}/tcp ${p.kind === "any" ? "" : "127.0.0.1"}:${p.kind === "fixed" ? fixedPort(real, service, p.target) : ""}`,
        ),
      ),
    );
    expect(sorted(Object.keys(c.NetworkSettings.Networks)), `${where} networks`).toEqual(
      sorted(s.networks.map(netName)),
    );
    const mounts = c.Mounts.filter((m) => m.Type === "volume").map((m) => `${m.Name}:${m.Destination}`);
    expect(sorted(mounts), `${where} volumes`).toEqual(
      sorted(s.volumes.map((v) => `${name}_${v}:${VOLUME_TARGETS[v]}`)),
    );
    const test = c.Config.Healthcheck?.Test;
    expect(test && test.length > 0 && test[0] !== "NONE" ? test : undefined, `${where} healthcheck`).toEqual(
      s.healthcheck ? ["CMD", "true"] : undefined,
    );
  }

  // Networks: a network is created when a container joins it and removed once no declared key names it.
  const used = new Set(Object.values(model.services).flatMap((s) => s?.networks ?? []));
  const networks = networksOf(name);
  for (const key of used) expect(networks, `network ${key}`).toContain(netName(key));
  const declared = new Set([netName("default"), netName("back")]);
  expect(
    networks.filter((n) => !declared.has(n)),
    "networks left that no key names",
  ).toEqual([]);

  // Volumes: kept, with their data.
  const volumes = volumesOf(name);
  expect(volumes, "the data volume").toContain(`${name}_data`);
  const mountpoint = docker("volume", "inspect", "--format", "{{.Mountpoint}}", `${name}_data`);
  if (real.marker)
    expect(readFileSync(`${mountpoint}/marker`, "utf8"), "the marker in the data volume").toBe("kept\n");

  // Nothing foreign touched.
  expect(docker("inspect", "--format", "{{.Id}} {{.State.Running}}", `${name}-bystander`)).toBe(
    `${real.bystanderId} true`,
  );
  expect(docker("volume", "inspect", "--format", "{{.Name}}", `${name}_bystander`)).toBe(`${name}_bystander`);
}

/**
 * One edit of the stack, then `apply -y` and every check. An edit targets the i-th service of the
 * model (so it always has one to act on), a service not yet in the model ("new"), or the stack.
 */
class Edit implements fc.AsyncCommand<Model, Real> {
  private resolved: string | undefined;
  constructor(
    readonly verb: string,
    readonly target: number | "new" | "stack",
    readonly detail: string,
    readonly applies: (model: Model, name: ServiceName) => boolean,
    readonly edit: (model: Model, name: ServiceName) => void,
  ) {}
  private name(model: Model): ServiceName | undefined {
    const present = SERVICE_NAMES.filter((n) => model.services[n] !== undefined);
    if (this.target === "new") return SERVICE_NAMES.find((n) => model.services[n] === undefined);
    // An edit of the stack as a whole needs no service: any name will do.
    if (this.target === "stack") return "s0";
    return present.length > 0 ? present[this.target % present.length] : undefined;
  }
  check(model: Readonly<Model>): boolean {
    const name = this.name(model as Model);
    return name !== undefined && this.applies(model as Model, name);
  }
  async run(model: Model, real: Real): Promise<void> {
    const name = this.name(model);
    if (name === undefined) throw new Error("run without a target: check() should have refused");
    this.resolved = name;
    this.edit(model, name);
    await applyAndCheck(model, real);
  }
  toString(): string {
    const on = this.target === "stack" ? "" : ` ${this.resolved ?? `#${this.target}`}`;
    return `${this.verb}${on} ${this.detail}`;
  }
}

async function applyAndCheck(model: Model, real: Real): Promise<void> {
  real.stack.write(stackFile(model, real));
  await real.stack.ok(["apply", "-y"]);
  const plan = await real.stack.run(["plan", "--detailed-exitcode"], FULL_COMPARE);
  expect(plan.code, `the plan after apply is not clean:\n${plan.stdout}\n${plan.stderr}`).toBe(0);
  checkEngine(model, real);
  real.steps.count++;
  // Progress of a long hunt, for whoever watches it (and for docs/faults.md's figures).
  if (STEPS > 50 && real.steps.count % 25 === 0)
    process.stderr.write(`model histories: ${real.steps.count} applies checked so far\n`);
}

const target = fc.nat({ max: SERVICE_NAMES.length - 1 });
const env = fc.dictionary(fc.constantFrom(...ENV_KEYS), fc.constantFrom("", "x", "y z", "a=b"), {
  maxKeys: 3,
});
const ports = fc.uniqueArray(
  fc.record({
    target: fc.constantFrom(...TARGETS),
    kind: fc.constantFrom<PortKind>("loopback", "any", "fixed"),
  }),
  { maxLength: 2, selector: (p) => p.target },
);
const command = fc.constantFrom<CommandKey>("list", "shell", "string");
const networks = fc.subarray<"default" | "back">(["default", "back"], { minLength: 1 });
const volumes = fc.subarray<"data" | "cache">(["data", "cache"]);
const replicas = fc.integer({ min: 0, max: 3 });
const service = fc.record<ServiceModel>({
  command,
  env,
  ports,
  networks,
  volumes,
  replicas: fc.integer({ min: 1, max: 2 }),
  healthcheck: fc.boolean(),
});

/** A fixed host port can be published by one container only. */
const fixedFits = (s: ServiceModel) => s.replicas <= 1 || s.ports.every((p) => p.kind !== "fixed");
const always = () => true;
/** An edit of one field of the targeted service. */
function change<T>(verb: string, values: fc.Arbitrary<T>, set: (s: ServiceModel, value: T) => void) {
  return fc.tuple(target, values).map(
    ([i, value]) =>
      new Edit(
        verb,
        i,
        JSON.stringify(value),
        (m, name) => {
          const s = m.services[name];
          if (!s) return false;
          const next = structuredClone(s);
          set(next, structuredClone(value));
          return fixedFits(next);
        },
        (m, name) => {
          const s = m.services[name];
          if (s) set(s, structuredClone(value));
        },
      ),
  );
}

const edits = [
  service.map(
    (s) =>
      new Edit(
        "add",
        "new",
        JSON.stringify(s),
        () => fixedFits(s),
        (m, name) => {
          m.services[name] = structuredClone(s);
        },
      ),
  ),
  target.map(
    (i) =>
      new Edit(
        "remove",
        i,
        "",
        (m) => Object.keys(m.services).length > 1,
        (m, name) => {
          delete m.services[name];
        },
      ),
  ),
  change("env", env, (s, v) => {
    s.env = v;
  }),
  change("ports", ports, (s, v) => {
    s.ports = v;
  }),
  change("command", command, (s, v) => {
    s.command = v;
  }),
  change("networks", networks, (s, v) => {
    s.networks = v;
  }),
  change("volumes", volumes, (s, v) => {
    s.volumes = v;
  }),
  change("replicas", replicas, (s, v) => {
    s.replicas = v;
  }),
  change("healthcheck", fc.boolean(), (s, v) => {
    s.healthcheck = v;
  }),
  fc.constantFrom("a", "b", "").map(
    (suffix) =>
      new Edit(
        "rename network back to",
        "stack",
        suffix ? `<stack>-back-${suffix}` : "<stack>_back",
        always,
        (m) => {
          m.backSuffix = suffix || undefined;
        },
      ),
  ),
];

describe("random histories of one stack, model-checked", () => {
  it(
    "after every apply: a clean plan, the engine as the model says, volume data kept, nothing foreign touched",
    async () => {
      const steps = { count: 0 };
      await fc.assert(
        fc.asyncProperty(fc.commands(edits, { maxCommands: MAX_COMMANDS, size: "max" }), async (cmds) => {
          const model: Model = {
            services: {
              s0: {
                command: "list",
                env: {},
                ports: [],
                networks: ["default"],
                volumes: ["data"],
                replicas: 1,
                healthcheck: false,
              },
            },
            backSuffix: undefined,
          };
          const stack = e2eStack("model", "services: {}\n");
          // A per-run range for fixed host ports, so runs beside this one do not collide.
          const real: Real = {
            stack,
            portBase: 20_000 + Math.floor(Math.random() * 4000) * SERVICE_NAMES.length * TARGETS.length,
            bystanderId: "",
            marker: false,
            steps,
          };
          // Bystanders named like the stack's objects but without its labels.
          real.bystanderId = docker(
            "run",
            "-d",
            "--init",
            "--name",
            `${stack.name}-bystander`,
            TEST_IMAGE,
            "sleep",
            "3600",
          );
          docker("volume", "create", `${stack.name}_bystander`);
          try {
            await applyAndCheck(model, real);
            const mountpoint = docker(
              "volume",
              "inspect",
              "--format",
              "{{.Mountpoint}}",
              `${stack.name}_data`,
            );
            docker(
              "run",
              "--rm",
              "-v",
              `${stack.name}_data:/d`,
              TEST_IMAGE,
              "sh",
              "-c",
              "echo kept > /d/marker",
            );
            expect(readFileSync(`${mountpoint}/marker`, "utf8")).toBe("kept\n");
            real.marker = true;
            await fc.asyncModelRun(() => ({ model, real }), cmds);
          } finally {
            docker("rm", "-f", `${stack.name}-bystander`);
            await stack.run(["destroy", "-y", "--volumes"]);
            docker("volume", "rm", "-f", `${stack.name}_bystander`);
          }
        }),
        {
          // A run applies about 5 edits (fc.commands draws up to MAX_COMMANDS; some are refused).
          numRuns: Math.max(1, Math.ceil(STEPS / 5)),
          seed: SEED,
          endOnFailure: !process.env.STACKFORM_MODEL_SHRINK,
        },
      );
      process.stderr.write(`model histories: ${steps.count} applies checked\n`);
    },
    Math.max(120_000, STEPS * 20_000),
  );
});
