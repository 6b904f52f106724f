// Why: tests clean up with the docker CLI, independently of Stackform's own destroy (which may be the thing
// under test), and dockerode does not resolve from the repository root.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { STACK_LABEL } from "./docker-cli.js";

const run = promisify(execFile);

/** The engine's answer when the object is already gone (a 404), or is being removed by someone else. */
const GONE = /no such (container|network|volume|object)|not found|already in progress/i;

/**
 * Runs the docker CLI against `host`, or without `-H` (honouring DOCKER_HOST as the user's shell
 * does).
 */
async function docker(host: string | undefined, args: string[]): Promise<string> {
  const { stdout } = await run("docker", host ? ["-H", host, ...args] : args, {
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 16 << 20,
  });
  return stdout;
}

async function list(
  host: string | undefined,
  kind: "container" | "network" | "volume",
  filter: string,
): Promise<string[]> {
  const args =
    kind === "container"
      ? ["ps", "-aq", "--no-trunc", "--filter", filter]
      : [kind, "ls", "-q", "--filter", filter];
  return (await docker(host, args)).split("\n").filter(Boolean);
}

/** Removes objects; returns the errors other than "already gone". */
async function remove(host: string | undefined, args: string[]): Promise<string[]> {
  try {
    await docker(host, args);
    return [];
  } catch (error) {
    const e = error as { stderr?: string; message?: string };
    const text = e.stderr?.trim() || String(e.message ?? error);
    return text
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !GONE.test(line) && !/^exit status \d+$/.test(line));
  }
}

/** Engine-generated (anonymous) volume names; a replacement mounts its predecessor's by that name. */
const ANONYMOUS = /^[0-9a-f]{64}$/;

/**
 * The anonymous volumes the containers mount. `rm --volumes` leaves those mounted by name (carried
 * over by a replacement), so they are removed by name afterwards.
 */
async function anonymousVolumes(host: string | undefined, containers: string[]): Promise<string[]> {
  if (containers.length === 0) return [];
  let out: string;
  try {
    out = await docker(host, [
      "inspect",
      "--type",
      "container",
      "--format",
      "{{range .Mounts}}{{.Name}} {{end}}",
      ...containers,
    ]);
  } catch (error) {
    // A container removed meanwhile fails the inspect of all: its output is still there.
    out = (error as { stdout?: string }).stdout ?? "";
  }
  return [...new Set(out.split(/\s+/).filter((n) => ANONYMOUS.test(n)))];
}

/**
 * Removes networks, retrying while the engine still counts endpoints on them: after a cut
 * connection or a forced removal, it lets go of a container's endpoint a moment after the
 * container is gone, and an endpoint left behind is removed with the container it names.
 */
async function removeNetworks(host: string | undefined, networks: string[]): Promise<string[]> {
  let errors: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    errors = await remove(host, ["network", "rm", ...networks]);
    if (!errors.some((e) => /active endpoints/.test(e))) return errors;
    for (const network of networks) {
      const attached = await docker(host, [
        "network",
        "inspect",
        "--format",
        "{{range $id, $c := .Containers}}{{$id}} {{end}}",
        network,
      ]).catch(() => "");
      const ids = attached.split(/\s+/).filter(Boolean);
      if (ids.length > 0) await remove(host, ["rm", "--force", ...ids]);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return errors;
}

/**
 * Removes everything on the engine labelled `dev.stackform.stack=<name>`: containers (forced, with their
 * anonymous volumes, carried-over ones included), then networks, then volumes, plus the stack's lock and
 * meta containers. Objects already gone are fine; anything that could not be removed fails the call, naming it.
 * `host` (`-H`) names another engine than the one DOCKER_HOST does, such as a test's second engine.
 */
export async function removeStackFromEngine(name: string, host?: string): Promise<void> {
  const filter = `label=${STACK_LABEL}=${name}`;
  const errors: string[] = [];

  const labelled = await list(host, "container", filter);
  const anonymous = await anonymousVolumes(host, labelled);
  const containers = new Set(labelled);
  containers.add(`stackform-lock-${name}`);
  containers.add(`stackform-meta-${name}`);
  errors.push(...(await remove(host, ["rm", "--force", "--volumes", ...containers])));

  const networks = await list(host, "network", filter);
  if (networks.length > 0) errors.push(...(await removeNetworks(host, networks)));

  const volumes = [...(await list(host, "volume", filter)), ...anonymous];
  if (volumes.length > 0) errors.push(...(await remove(host, ["volume", "rm", "--force", ...volumes])));

  if (errors.length > 0) {
    throw new Error(`removing stack ${name} from the engine failed:\n${errors.join("\n")}`);
  }
}
