import { execFileSync } from "node:child_process";

/**
 * The docker CLI, to check the engine independently of Stackform's own engine code.
 */
export function docker(...args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The docker CLI against some engine: `docker` here, a second engine's own, or `dockerAt(host)`. */
export type DockerCli = (...args: string[]) => string;

/** The docker CLI against the engine at `host` (`-H`), whatever DOCKER_HOST says. */
export const dockerAt =
  (host: string): DockerCli =>
  (...args) =>
    docker("-H", host, ...args);

export const STACK_LABEL = "dev.stackform.stack";
export const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";

export interface ListOptions {
  /** Containers: only the running ones (`ps` without `-a`). */
  running?: boolean;
  cli?: DockerCli;
}

/** Names of the containers, networks or volumes labelled `label=value`, sorted. */
export function labelled(
  kind: "container" | "network" | "volume",
  label: string,
  value: string,
  { running = false, cli = docker }: ListOptions = {},
): string[] {
  const list = kind === "container" ? ["ps", ...(running ? [] : ["-a"])] : [kind, "ls"];
  const format = kind === "container" ? "{{.Names}}" : "{{.Name}}";
  return cli(...list, "--filter", `label=${label}=${value}`, "--format", format)
    .split("\n")
    .filter(Boolean)
    .sort();
}

/** The lock and meta containers Stackform keeps per stack, or a test makes by hand. */
const MARKER = /^stackform-(lock|meta)-/;

/**
 * A stack's containers by name, sorted: services, one-offs, rollout leftovers. Lock and meta
 * containers are not the stack's, even a hand-made one a test gives the stack label.
 */
export const containersOf = (stack: string, options?: ListOptions): string[] =>
  labelled("container", STACK_LABEL, stack, options).filter((name) => !MARKER.test(name));

export const networksOf = (stack: string, options?: ListOptions): string[] =>
  labelled("network", STACK_LABEL, stack, options);

export const volumesOf = (stack: string, options?: ListOptions): string[] =>
  labelled("volume", STACK_LABEL, stack, options);

export interface InspectedContainer {
  Id: string;
  Name: string;
  State: {
    Status: string;
    Running: boolean;
    OOMKilled: boolean;
    ExitCode: number;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string };
  };
  Config: {
    Image: string;
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    Env: string[] | null;
    User: string;
    WorkingDir: string;
    Labels: Record<string, string>;
    Healthcheck?: {
      Test: string[];
      Interval?: number;
      Timeout?: number;
      Retries?: number;
      StartPeriod?: number;
    };
  };
  HostConfig: {
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    Memory: number;
    NanoCpus: number;
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]> | null;
    Init: boolean | null;
    CapAdd: string[] | null;
    CapDrop: string[] | null;
    Binds: string[] | null;
    Mounts?: unknown[];
    NetworkMode: string;
  };
  Mounts: { Type: string; Name?: string; Source: string; Destination: string; RW: boolean }[];
  NetworkSettings: {
    Networks: Record<string, { Aliases: string[] | null; IPAMConfig: { IPv4Address?: string } | null }>;
  };
}

export function inspectContainer(name: string): InspectedContainer {
  return JSON.parse(docker("inspect", "--type", "container", name))[0] as InspectedContainer;
}

/** `name → id` of every container of a stack, for "nothing was recreated" checks. */
export function containerIds(stack: string): Record<string, string> {
  const out = docker(
    "ps",
    "-a",
    "--filter",
    `label=${STACK_LABEL}=${stack}`,
    "--format",
    "{{.Names}} {{.ID}}",
  );
  const ids: Record<string, string> = {};
  for (const line of out.split("\n").filter(Boolean)) {
    const [name, id] = line.split(" ");
    if (name && id && !MARKER.test(name)) ids[name] = id;
  }
  return ids;
}

export function exists(kind: "container" | "network" | "volume", name: string): boolean {
  try {
    docker(kind, "inspect", name);
    return true;
  } catch {
    return false;
  }
}

/** `docker build` of a Dockerfile given as text, with no context. */
export function dockerBuild(tag: string, dockerfile: string): void {
  execFileSync("docker", ["build", "-q", "-t", tag, "-"], {
    input: dockerfile,
    stdio: ["pipe", "ignore", "pipe"],
  });
}
