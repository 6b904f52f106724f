import { randomBytes } from "node:crypto";
import type { Engine } from "@stackform/engine";
import { buildContainerSpec, sensitiveValues } from "@stackform/planner";
import { type ContainerSpec, type DesiredService, type DesiredStack, Labels } from "@stackform/schema";
import { CliError, ExitCode } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { envFlags } from "../env-flags.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { loadDesired } from "../load-desired.js";
import { redactor } from "../redact.js";
import { startDependencies } from "../start-dependencies.js";
import { terminalSession } from "../terminal-io.js";
import { VERSION } from "../version.js";

export interface RunFlags extends GlobalOptions {
  rm: boolean;
  detach: boolean;
  /** `-T` sets it false. */
  tty: boolean;
  env: string[];
  entrypoint?: string;
  user?: string;
  workdir?: string;
  deps: boolean;
  servicePorts: boolean;
}

/**
 * `stack run SERVICE [CMD...]`: a one-off container of the service, as `docker compose run`
 * makes it: labelled with the stack (so `destroy` removes it) and `com.docker.compose.oneoff=True`
 * (so the planner never counts it as a replica), without the service's published ports unless
 * `--service-ports`, never restarted. Dependencies are started first unless `--no-deps`.
 */
export async function runCommand(service: string, command: string[], options: RunFlags): Promise<void> {
  const { desired, warnings } = await loadDesired(options);
  const definition = desired.services[service];
  if (!definition) {
    throw new CliError(
      `no service ${service} in stack ${desired.name}`,
      `services: ${Object.keys(desired.services).sort().join(", ")}`,
    );
  }
  const spec = oneOffSpec(desired, definition, command, options);
  const code = await withEngine(options, async (engine) => {
    if (options.deps) await startDependencies(engine, desired, service, warnings);
    await ensureImage(engine, desired, definition);
    process.stderr.write(`Running ${spec.name} on ${engine.endpoint}\n`);
    if (options.detach) {
      await engine.createContainer(spec);
      await engine.startContainer(spec.name);
      if (options.json) printJson({ stack: desired.name, engine: engine.endpoint, container: spec.name });
      else process.stdout.write(`${spec.name}\n`);
      return 0;
    }
    const session = terminalSession({ tty: spec.tty, stdin: true });
    try {
      return await engine.runAttached(spec, session.io);
    } finally {
      session.restore();
      if (options.rm) await engine.removeContainer(spec.name);
    }
  });
  if (code !== 0) throw new ExitCode(code);
}

function oneOffSpec(
  desired: DesiredStack,
  service: DesiredService,
  command: string[],
  options: RunFlags,
): ContainerSpec {
  const spec = buildContainerSpec(desired, service, 1, VERSION);
  spec.name = `${desired.name}-${service.name}-run-${randomBytes(6).toString("hex")}`;
  spec.labels[Labels.composeOneoff] = "True";
  spec.env = { ...spec.env, ...envFlags(options.env) };
  // A one-off is not the service: it keeps none of its published ports, no restart policy.
  if (!options.servicePorts) spec.portBindings = [];
  spec.restart = { name: "no", maximumRetryCount: 0 };
  // Attached, it talks to this terminal; detached, it keeps the service's own stdin and TTY.
  if (!options.detach) {
    spec.tty = options.tty;
    spec.stdinOpen = true;
  }
  // Other containers reach it by its own name only, not as the service.
  for (const network of spec.networks) network.aliases = network.aliases.filter((a) => a !== service.name);
  if (options.entrypoint !== undefined) {
    // Split on blanks like a shell without quoting: `--entrypoint "sh -c"`.
    spec.entrypoint = options.entrypoint.trim() === "" ? [""] : options.entrypoint.trim().split(/\s+/);
    // Compose: a new entrypoint drops the service's command unless one is given.
    delete spec.command;
  }
  if (command.length) spec.command = command;
  if (options.user !== undefined) spec.user = options.user;
  if (options.workdir !== undefined) spec.workingDir = options.workdir;
  return spec;
}

/** The service's image, pulled or built when the engine does not have it (progress on stderr). */
async function ensureImage(engine: Engine, desired: DesiredStack, service: DesiredService): Promise<void> {
  if (await engine.imageDetails(service.image)) return;
  const redact = redactor(sensitiveValues(desired));
  const progress = (line: string) => process.stderr.write(`${redact(line)}\n`);
  if (service.build) {
    process.stderr.write(`Building ${service.image}\n`);
    await engine.buildImage(service.image, service.build, progress);
  } else {
    process.stderr.write(`Pulling ${service.image}\n`);
    const platform = service.platform;
    await engine.pullImage(service.image, progress, platform ? { platform, services: [service.name] } : {});
  }
}
