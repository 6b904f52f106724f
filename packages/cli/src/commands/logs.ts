import type { LogOptions, LogStream } from "@stackform/engine";
import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { durationFlag } from "../durations.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { paint } from "../output.js";
import { resolveStackName } from "../stack-name.js";
import { stackTarget } from "../swarm/stack-target.js";

export interface LogsFlags extends GlobalOptions {
  follow: boolean;
  tail?: number;
  since?: string;
  timestamps: boolean;
}

/** What logs are read from: a container (one engine) or a Swarm service, with its service key. */
interface LogSource {
  name: string;
  service: string;
}

/** Says what the sources are, in errors and as the JSON key of a line's source. */
type SourceKind = "container" | "swarm_service";

type ReadLogs = (
  onLine: (source: string, line: string, stream: LogStream) => void,
  signal: AbortSignal,
) => Promise<void>;

const PREFIX_COLOURS = ["cyan", "yellow", "green", "magenta"] as const;

export async function logsCommand(services: string[], options: LogsFlags): Promise<void> {
  const stack = await resolveStackName(options);
  const since = options.since === undefined ? undefined : sinceSeconds(options.since);
  const logOptions: LogOptions = {
    follow: options.follow,
    tail: options.tail,
    since,
    timestamps: options.timestamps,
  };
  if ((await stackTarget(options)) === "swarm") {
    const { withSwarm } = await import("../swarm/with-swarm.js");
    await withSwarm(options, async (swarm) => {
      const observed = await swarm.observe(stack);
      const all = observed.services.map((s) => ({
        id: s.id,
        name: s.name,
        service: s.name.slice(stack.length + 1),
      }));
      const chosen = pick(stack, services, all, "swarm_service");
      await printLogs(chosen, "swarm_service", options.json, (onLine, signal) =>
        swarm.logs(chosen, logOptions, onLine, signal),
      );
    });
    return;
  }
  await withEngine(options, async (engine) => {
    const observed = await engine.observe(stack);
    const chosen = pick(
      stack,
      services,
      observed.containers.map((c) => ({ name: c.name, service: c.service })),
      "container",
    );
    await printLogs(chosen, "container", options.json, (onLine, signal) =>
      engine.logs(
        chosen.map((c) => c.name),
        logOptions,
        onLine,
        signal,
      ),
    );
  });
}

/** The sources of the named services (all when none is named), sorted; an unknown name is an error. */
function pick<S extends LogSource>(stack: string, services: string[], all: S[], kind: SourceKind): S[] {
  const known = new Set(all.map((s) => s.service));
  const unknown = services.filter((s) => !known.has(s));
  if (unknown.length) {
    throw new CliError(
      `no ${kind === "container" ? "containers" : "Swarm service"} for service ${unknown.join(", ")} in stack ${stack}`,
      `services running: ${[...known].sort().join(", ") || "none"}`,
    );
  }
  return all
    .filter((s) => services.length === 0 || services.includes(s.service))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Each line prefixed with its source, in a colour of its own, or as JSON lines; Ctrl-C ends a follow. */
async function printLogs(
  sources: LogSource[],
  kind: SourceKind,
  json: boolean | undefined,
  read: ReadLogs,
): Promise<void> {
  const serviceOf = new Map(sources.map((s) => [s.name, s.service]));
  const color = paint(process.stdout);
  const width = Math.max(0, ...sources.map((s) => s.name.length));
  const prefixes = new Map(
    sources.map((s, i) => [
      s.name,
      color[PREFIX_COLOURS[i % PREFIX_COLOURS.length]!](`${s.name.padEnd(width)} |`),
    ]),
  );
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  try {
    await read(
      json
        ? (source, text, stream) =>
            printJson(
              { service: serviceOf.get(source) ?? null, [kind]: source, stream, text },
              { lines: true },
            )
        : (source, line) => process.stdout.write(`${prefixes.get(source) ?? source} ${line}\n`),
      controller.signal,
    );
  } finally {
    process.off("SIGINT", stop);
  }
}

/** `--since 10m` or an RFC 3339 / ISO timestamp, as unix seconds. */
function sinceSeconds(text: string): number {
  const at = Date.parse(text);
  if (!Number.isNaN(at) && /\d{4}-\d{2}-\d{2}/.test(text)) return Math.floor(at / 1000);
  return Math.floor((Date.now() - durationFlag("--since", text)) / 1000);
}
