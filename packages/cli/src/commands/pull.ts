import { sensitiveValues } from "@stackform/planner";
import { StackformError } from "@stackform/schema/contract";
import { ExitCode } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { loadDesired } from "../load-desired.js";
import { pickServices } from "../pick-services.js";
import { redactor } from "../redact.js";

export interface PullFlags extends GlobalOptions {
  ignorePullFailures: boolean;
  quiet: boolean;
}

interface Pulled {
  image: string;
  services: string[];
  id: string | null;
  error: string | null;
}

/**
 * `stack pull [SERVICE...]`: each image the services run, once, even when present (as Compose
 * does); services that build their image are left to `stack build`. Progress on stderr.
 */
export async function pullCommand(names: string[], options: PullFlags): Promise<void> {
  const { desired } = await loadDesired(options);
  const byImage = new Map<string, string[]>();
  const platforms = new Map<string, string>();
  for (const service of pickServices(desired, names)) {
    if (service.build) {
      process.stderr.write(`Skipping ${service.name}: its image is built (stack build)\n`);
      continue;
    }
    byImage.set(service.image, [...(byImage.get(service.image) ?? []), service.name]);
    if (service.platform !== undefined && !platforms.has(service.image))
      platforms.set(service.image, service.platform);
  }
  const redact = redactor(sensitiveValues(desired));
  const { results, endpoint } = await withEngine(options, async (engine) => ({
    endpoint: engine.endpoint,
    results: await Promise.all(
      [...byImage].map(async ([image, services]): Promise<Pulled> => {
        process.stderr.write(`Pulling ${image} (${services.join(", ")})\n`);
        try {
          const platform = platforms.get(image);
          // The time is recorded as `apply` records it: `every_<interval>` policies count from it.
          await engine.pullImage(
            image,
            (line) => {
              if (!options.quiet) process.stderr.write(`${image}: ${redact(line)}\n`);
            },
            { recordPullTime: true, ...(platform === undefined ? {} : { platform, services }) },
          );
          const id = (await engine.imageDetails(image))?.id ?? null;
          return { image, services, id, error: null };
        } catch (error) {
          const message = redact((error as Error).message);
          process.stderr.write(`Error: ${message}\n`);
          if (error instanceof StackformError && error.hint) process.stderr.write(`Hint: ${error.hint}\n`);
          return { image, services, id: null, error: message };
        }
      }),
    ),
  }));
  if (options.json) printJson({ stack: desired.name, engine: endpoint, images: results });
  else for (const r of results) if (!r.error) process.stdout.write(`${r.image} ${r.id ?? ""}\n`);
  if (results.some((r) => r.error) && !options.ignorePullFailures) throw new ExitCode(1);
}
