import { credentialsFor } from "../auth/registry-credentials.js";
import { registryOf } from "../auth/registry-host.js";
import { EngineError, toEngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";
import { AUTH_REFUSED, authError, engineWords, splitReference } from "./images.js";
import { readJsonLines, StreamFailure } from "./read-json-lines.js";

/**
 * Pushes `ref` from the engine to its registry with the credentials of the machine Stackform runs
 * on (`X-Registry-Auth`, as `docker push` sends them); returns the repository digest the registry
 * gave the pushed manifest (`sha256:…`), which is what a Swarm's nodes are told to pull.
 */
export async function pushImage(
  client: EngineClient,
  ref: string,
  onProgress?: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const what = `push image ${ref}`;
  const registry = registryOf(ref);
  const auth = await credentialsFor(registry, env);
  const { fromImage, tag } = splitReference(ref);
  let digest: string | undefined;
  try {
    const stream = await client.stream({
      what,
      method: "POST",
      path: `/images/${fromImage}/push`,
      query: tag ? { tag } : {},
      // The engine insists on the header; an empty one is an anonymous push.
      registryAuth: auth ?? {},
    });
    await readJsonLines(stream, onProgress, (aux) => {
      const reported = (aux as { Digest?: unknown } | null)?.Digest;
      if (typeof reported === "string") digest = reported;
    });
  } catch (error) {
    const said = engineWords(error);
    if (AUTH_REFUSED.test(said)) throw authError(what, registry, auth !== undefined, said);
    if (!(error instanceof StreamFailure)) throw toEngineError(error, what, client.endpoint);
    throw new EngineError(
      "engine",
      `cannot ${what}: ${error.message}`,
      /http response to https client|server gave http response/i.test(said)
        ? `the registry speaks plain HTTP: add it to the engine's insecure-registries (daemon.json) on the manager and every node, or serve it over TLS`
        : `check that ${registry} is reachable from the engine at ${client.endpoint}, and \`docker login ${registry}\``,
    );
  }
  if (!digest || !/^sha256:[0-9a-f]{64}$/.test(digest))
    throw new EngineError(
      "engine",
      `cannot ${what}: the registry reported no digest for it`,
      "check the registry's logs; Stackform deploys a built image only by its digest",
    );
  return digest;
}
