import { execFileSync } from "node:child_process";

/**
 * The docker CLI, to check the engine independently of Stackform's own engine code.
 */
export function docker(...args: string[]): string {
  return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

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
    `label=dev.stackform.stack=${stack}`,
    "--format",
    "{{.Names}} {{.ID}}",
  );
  const ids: Record<string, string> = {};
  for (const line of out.split("\n").filter(Boolean)) {
    const [name, id] = line.split(" ");
    if (name && id && !name.startsWith("stackform-lock-")) ids[name] = id;
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
