import { sensitiveValues } from "@stackform/planner";
import { CliError } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { loadDesired } from "../load-desired.js";
import { pickServices } from "../pick-services.js";
import { redactor } from "../redact.js";

export interface BuildFlags extends GlobalOptions {
  quiet: boolean;
}

/**
 * `stack build [SERVICE...]`: builds the image of each service with `build:`, one at a time as
 * the engine's build cache is shared. Build output on stderr (secret build args scrubbed); the
 * images built are the result.
 */
export async function buildCommand(names: string[], options: BuildFlags): Promise<void> {
  const { desired } = await loadDesired(options);
  const services = pickServices(desired, names).filter((s) => s.build);
  if (names.length && services.length < names.length) {
    const plain = names.filter((n) => !services.some((s) => s.name === n));
    throw new CliError(`service ${plain.join(", ")} has no build: section`, "stack pull fetches its image");
  }
  const redact = redactor(sensitiveValues(desired));
  const built: { service: string; image: string; id: string | null }[] = [];
  const endpoint = await withEngine(options, async (engine) => {
    for (const service of services) {
      process.stderr.write(`Building ${service.name} (${service.image})\n`);
      await engine.buildImage(service.image, service.build!, (line) => {
        if (!options.quiet) process.stderr.write(`${service.name}: ${redact(line)}\n`);
      });
      built.push({
        service: service.name,
        image: service.image,
        id: (await engine.imageDetails(service.image))?.id ?? null,
      });
    }
    return engine.endpoint;
  });
  if (services.length === 0) process.stderr.write("No service has a build: section.\n");
  if (options.json) printJson({ stack: desired.name, engine: endpoint, built });
  else for (const b of built) process.stdout.write(`${b.image} ${b.id ?? ""}\n`);
}
