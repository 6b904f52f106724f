import type { ContainerFile } from "../engine.js";
import { EngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";
import { tarFiles } from "./tar-one-file.js";

/**
 * `docker cp` of several files at once: one tar through the archive API, unpacked at the root so
 * each file lands at its own absolute path and missing parent directories are made by the engine.
 * The archive API works over ssh and tcp, where a bind mount of the host's files would not.
 */
export async function copyToContainer(
  client: EngineClient,
  container: string,
  files: readonly ContainerFile[],
): Promise<void> {
  if (files.length === 0) return;
  const what = `copy ${files.length === 1 ? files[0]!.path : `${files.length} files`} into container ${container}`;
  try {
    await client.json({
      what,
      method: "PUT",
      path: `/containers/${container}/archive`,
      query: { path: "/" },
      file: tarFiles(
        files.map((f) => ({ name: f.path.replace(/^\/+/, ""), content: f.content, mode: f.mode ?? 0o644 })),
      ),
      // Large files take longer than an API call; the body is in memory, so this bounds the upload.
      timeoutMs:
        client.timeoutMs + Math.ceil(files.reduce((n, f) => n + f.content.length, 0) / 1_000_000) * 1000,
    });
  } catch (error) {
    if (!(error instanceof EngineError) || error.kind === "connection-lost" || error.kind === "unreachable")
      throw error;
    const hint = /read-only/i.test(error.raw ?? error.message)
      ? "the container's root file system is read-only (read_only: true); sync into a volume or tmpfs path"
      : "check that the target is not inside a file of the image, and that the container exists";
    throw new EngineError(
      error.kind,
      `cannot ${what}: ${error.raw ?? error.message}`,
      hint,
      error.statusCode,
      error.raw,
    );
  }
}
