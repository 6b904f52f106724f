import type { ExecOptions, ProcessIO } from "../engine.js";
import { EngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";
import { pipeProcessIO } from "./process-io.js";

interface WireExecInspect {
  Running: boolean;
  ExitCode: number | null;
}

/**
 * `docker exec`: creates the exec instance, starts it on a hijacked connection, relays its
 * streams, then reads its exit code (the stream ending does not carry it).
 */
export async function execInContainer(
  client: EngineClient,
  container: string,
  options: ExecOptions,
  io: ProcessIO,
): Promise<number> {
  const created = await client.json<{ Id: string }>({
    what: `exec in container ${container}`,
    method: "POST",
    path: `/containers/${container}/exec`,
    body: {
      AttachStdin: io.stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
      Tty: io.tty,
      Cmd: options.command,
      Env: Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`),
      ...(options.user === undefined ? {} : { User: options.user }),
      ...(options.workingDir === undefined ? {} : { WorkingDir: options.workingDir }),
      Privileged: options.privileged ?? false,
    },
  });
  const socket = await client.hijack({
    what: `start exec in container ${container}`,
    method: "POST",
    path: `/exec/${created.Id}/start`,
    body: { Detach: false, Tty: io.tty },
  });
  const relayed = pipeProcessIO(client, socket, io);
  if (io.tty && io.size) await resizeExec(client, created.Id, io.size);
  await relayed;
  // The stream ends as the process does; the engine may record the exit a moment later.
  for (let attempt = 0; attempt < 50; attempt++) {
    const state = await client.json<WireExecInspect>({
      what: `read the exit code of exec in ${container}`,
      method: "GET",
      path: `/exec/${created.Id}/json`,
    });
    if (!state.Running && state.ExitCode !== null) return state.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EngineError(
    "timeout",
    `exec in container ${container} closed its output but the engine still reports it running`,
    "check the container with `docker top`",
  );
}

async function resizeExec(client: EngineClient, id: string, size: { rows: number; columns: number }) {
  try {
    await client.json({
      what: "resize the exec TTY",
      method: "POST",
      path: `/exec/${id}/resize`,
      query: { h: size.rows, w: size.columns },
    });
  } catch {
    // A process that already ended cannot be resized; the size is cosmetic anyway.
  }
}
