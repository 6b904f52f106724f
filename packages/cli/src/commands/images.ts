import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { serviceContainers } from "../service-containers.js";
import { resolveStackName } from "../stack-name.js";
import { table } from "../table.js";

/** `stack images [SERVICE...]`: the image each container runs, with its id and size. */
export async function imagesCommand(services: string[], options: GlobalOptions): Promise<void> {
  const stack = await resolveStackName(options);
  await withEngine(options, async (engine) => {
    const containers = await serviceContainers(engine, stack, services);
    const ids = [...new Set(containers.map((c) => c.imageId))];
    const details = new Map(
      await Promise.all(ids.map(async (id) => [id, await engine.imageDetails(id)] as const)),
    );
    const rows = containers.map((c) => {
      const image = details.get(c.imageId);
      const { repository, tag } = splitTag(c.image);
      return {
        container: c.name,
        service: c.service,
        repository,
        tag,
        id: c.imageId,
        size: image?.size ?? null,
      };
    });
    if (options.json) {
      printJson({ stack, engine: engine.endpoint, images: rows });
      return;
    }
    process.stdout.write(
      table([
        ["CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE"],
        ...rows.map((r) => [
          r.container,
          r.repository,
          r.tag,
          r.id.replace(/^sha256:/, "").slice(0, 12),
          r.size === null ? "-" : humanSize(r.size),
        ]),
      ]),
    );
  });
}

/** `registry:5000/app:1` → `registry:5000/app`, `1`; a digest reference has no tag. */
function splitTag(ref: string): { repository: string; tag: string } {
  if (ref.includes("@")) return { repository: ref.slice(0, ref.indexOf("@")), tag: "<none>" };
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  return colon > slash
    ? { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) }
    : { repository: ref, tag: "latest" };
}

/** Decimal units, as the docker CLI prints sizes. */
function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)}${units[unit]}`;
}
