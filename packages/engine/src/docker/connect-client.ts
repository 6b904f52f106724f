import { parseDuration } from "@stackform/schema/contract";
import Modem from "docker-modem";
import { type ConnectionFlags, resolveConnection } from "../connection/resolve-connection.js";
import { EngineError } from "../errors.js";
import { EngineClient } from "./engine-client.js";

/** Pinned, so that fields only newer engines know are never sent (dockerd 20.10 speaks 1.41). */
const API_VERSION = "v1.41";
const DEFAULT_TIMEOUT_MS = 60_000;

/** A client for the engine the flags and environment name, and what closes its connection. */
export async function connectClient(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
): Promise<{ client: EngineClient; dispose: () => Promise<void> }> {
  const timeoutMs = requestTimeoutMs(env);
  const connection = await resolveConnection(flags, env);
  const modem = new Modem({ ...connection.options, version: API_VERSION });
  return {
    client: new EngineClient(modem, connection.endpoint, timeoutMs),
    dispose: async () => {
      await connection.dispose?.();
    },
  };
}

/** STACKFORM_ENGINE_TIMEOUT ("30s", "2m"): how long one request may wait for the engine's answer. */
function requestTimeoutMs(env: NodeJS.ProcessEnv): number {
  const text = env.STACKFORM_ENGINE_TIMEOUT;
  if (!text) return DEFAULT_TIMEOUT_MS;
  const ns = parseDuration(text);
  if (ns === undefined || ns <= 0)
    throw new EngineError(
      "bad-request",
      `STACKFORM_ENGINE_TIMEOUT=${text} is not a duration`,
      'use a duration like "30s" or "2m"',
    );
  return ns / 1e6;
}
