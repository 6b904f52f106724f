import type { ImageDetails } from "../engine.js";
import type { EngineClient } from "./engine-client.js";

/** For `stack images`; `undefined` when the image is not on the engine. */
export async function imageDetails(client: EngineClient, ref: string): Promise<ImageDetails | undefined> {
  const image = await client.find<{ Id: string; RepoTags: string[] | null; Size: number; Created: string }>({
    what: `inspect image ${ref}`,
    method: "GET",
    path: `/images/${encodeURIComponent(ref)}/json`,
  });
  return image && { id: image.Id, repoTags: image.RepoTags ?? [], size: image.Size, created: image.Created };
}
