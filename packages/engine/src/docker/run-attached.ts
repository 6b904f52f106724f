import type { ContainerSpec } from "@stackform/schema/contract";
import type { ProcessIO } from "../engine.js";
import { containerCreateBody } from "./container-body.js";
import { connectNetwork } from "./containers.js";
import type { EngineClient } from "./engine-client.js";
import { pipeProcessIO } from "./process-io.js";

/** No deadline on waiting for a one-off's exit: it runs as long as the user's command does. */
const NO_DEADLINE_MS = 2 ** 31 - 1;

/**
 * `docker run` without `-d`: creates the container with its stdin held open for this attach
 * only (StdinOnce, so the process reads EOF when the caller's input ends), attaches before
 * starting so no output is lost, and returns the exit code.
 */
export async function runAttached(client: EngineClient, spec: ContainerSpec, io: ProcessIO): Promise<number> {
  const withStdin = io.stdin !== undefined;
  await client.json<{ Id: string }>({
    what: `create container ${spec.name}`,
    method: "POST",
    path: "/containers/create",
    query: { name: spec.name, ...(spec.platform ? { platform: spec.platform } : {}) },
    body: {
      ...containerCreateBody({ ...spec, tty: io.tty, stdinOpen: withStdin }),
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      StdinOnce: withStdin,
    },
  });
  for (const attachment of spec.networks.slice(1))
    await connectNetwork(client, spec.name, attachment.network, attachment);
  const socket = await client.hijack({
    what: `attach to container ${spec.name}`,
    method: "POST",
    path: `/containers/${spec.name}/attach`,
    query: { stream: true, stdin: withStdin, stdout: true, stderr: true },
  });
  const relayed = pipeProcessIO(client, socket, io);
  await client.json({
    what: `start container ${spec.name}`,
    method: "POST",
    path: `/containers/${spec.name}/start`,
  });
  if (io.tty && io.size) {
    await client
      .json({
        what: `resize the TTY of ${spec.name}`,
        method: "POST",
        path: `/containers/${spec.name}/resize`,
        query: { h: io.size.rows, w: io.size.columns },
      })
      .catch(() => undefined);
  }
  await relayed;
  // The output ends as the process does; "not-running" then answers with its exit status.
  const waited = await client.json<{ StatusCode: number }>({
    what: `wait for container ${spec.name}`,
    method: "POST",
    path: `/containers/${spec.name}/wait`,
    query: { condition: "not-running" },
    timeoutMs: NO_DEADLINE_MS,
  });
  return waited.StatusCode;
}
