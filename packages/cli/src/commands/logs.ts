import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { durationFlag } from "../durations.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { paint } from "../output.js";
import { resolveStackName } from "../stack-name.js";

export interface LogsFlags extends GlobalOptions {
  follow: boolean;
  tail?: number;
  since?: string;
  timestamps: boolean;
}

const PREFIX_COLOURS = ["cyan", "yellow", "green", "magenta"] as const;

export async function logsCommand(services: string[], options: LogsFlags): Promise<void> {
  const stack = await resolveStackName(options);
  const since = options.since === undefined ? undefined : sinceSeconds(options.since);
  await withEngine(options, async (engine) => {
    const observed = await engine.observe(stack);
    const known = new Set(observed.containers.map((c) => c.service));
    const unknown = services.filter((s) => !known.has(s));
    if (unknown.length) {
      throw new CliError(
        `no containers for service ${unknown.join(", ")} in stack ${stack}`,
        `services with containers: ${[...known].sort().join(", ") || "none"}`,
      );
    }
    const containers = observed.containers
      .filter((c) => services.length === 0 || services.includes(c.service))
      .sort((a, b) => a.name.localeCompare(b.name));
    const serviceOf = new Map(containers.map((c) => [c.name, c.service]));
    const color = paint(process.stdout);
    const width = Math.max(0, ...containers.map((c) => c.name.length));
    const prefixes = new Map(
      containers.map((c, i) => [
        c.name,
        color[PREFIX_COLOURS[i % PREFIX_COLOURS.length]!](`${c.name.padEnd(width)} |`),
      ]),
    );
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    try {
      await engine.logs(
        containers.map((c) => c.name),
        { follow: options.follow, tail: options.tail, since, timestamps: options.timestamps },
        options.json
          ? (container, text, stream) =>
              printJson(
                { service: serviceOf.get(container) ?? null, container, stream, text },
                { lines: true },
              )
          : (container, line) => process.stdout.write(`${prefixes.get(container) ?? container} ${line}\n`),
        controller.signal,
      );
    } finally {
      process.off("SIGINT", stop);
    }
  });
}

/** `--since 10m` or an RFC 3339 / ISO timestamp, as unix seconds. */
function sinceSeconds(text: string): number {
  const at = Date.parse(text);
  if (!Number.isNaN(at) && /\d{4}-\d{2}-\d{2}/.test(text)) return Math.floor(at / 1000);
  return Math.floor((Date.now() - durationFlag("--since", text)) / 1000);
}
