import {
  type ContainerSpec,
  type EndpointOptions,
  type InjectedFile,
  Labels,
  type Resources,
  type RestartPolicy,
} from "@stackform/schema/contract";
import type { ContainerStatus } from "../engine.js";
import { EngineError, isEngineError } from "../errors.js";
import { containerCreateBody, endpointConfig, resourcesBody, restartPolicyBody } from "./container-body.js";
import type { EngineClient } from "./engine-client.js";
import { healthOf, inspectContainerRequest } from "./inspect-container.js";
import { tarFiles } from "./tar-one-file.js";
import type { WireContainer } from "./wire-types.js";

/**
 * Container mutations, each idempotent on "already so" so that a re-run after an interruption
 * converges: a create that finds its own container (same config hash) returns it, start and
 * stop accept 304, removes and disconnects accept "gone".
 */
export async function createContainer(client: EngineClient, spec: ContainerSpec): Promise<string> {
  let id: string;
  let created = false;
  try {
    const made = await client.json<{ Id: string }>({
      what: `create container ${spec.name}`,
      method: "POST",
      path: "/containers/create",
      // The engine then uses the local image only when it is built for that platform.
      query: { name: spec.name, ...(spec.platform ? { platform: spec.platform } : {}) },
      body: containerCreateBody(spec),
    });
    id = made.Id;
    created = true;
  } catch (error) {
    if (!isEngineError(error, "conflict")) throw error;
    const existing = await inspect(client, spec.name);
    if (!existing || existing.Config.Labels?.[Labels.configHash] !== spec.labels[Labels.configHash])
      throw error;
    id = existing.Id;
  }
  for (const attachment of spec.networks.slice(1))
    await connectNetwork(client, spec.name, attachment.network, { ...attachment, links: spec.links ?? [] });
  if (spec.files && spec.files.length > 0) {
    try {
      await copyFilesIn(client, id, spec);
    } catch (error) {
      // Without its secrets the container must not be started later by `stack start`.
      if (created) await removeContainer(client, id).catch(() => undefined);
      throw error;
    }
  }
  return id;
}

/**
 * Secrets and configs from `environment:`/`content:`, written into the created container as
 * Compose does without Swarm: one tar through the archive API, before the container starts.
 * Unlike a bind mount this works on a remote engine. Again on a re-run: it only overwrites.
 */
async function copyFilesIn(client: EngineClient, id: string, spec: ContainerSpec): Promise<void> {
  const files = spec.files ?? [];
  const what = `copy ${fileList(files)} into container ${spec.name}`;
  try {
    await client.json({
      what,
      method: "PUT",
      path: `/containers/${id}/archive`,
      query: { path: "/", copyUIDGID: files.some((f) => f.uid !== 0 || f.gid !== 0) || undefined },
      file: tarFiles(
        files.map((f) => ({
          name: f.target.replace(/^\/+/, ""),
          content: f.content,
          mode: f.mode,
          uid: f.uid,
          gid: f.gid,
        })),
      ),
    });
  } catch (error) {
    if (!(error instanceof EngineError) || error.kind === "connection-lost" || error.kind === "unreachable")
      throw error;
    const readOnly = spec.readOnly || /read-only/i.test(error.raw ?? error.message);
    const hint = readOnly
      ? "the engine copies nothing into a read_only: true root file system; drop read_only, or give the value with `file:` (a bind mount)"
      : "check that no target path is inside a file of the image, then re-run";
    throw new EngineError(
      error.kind,
      `cannot ${what}: ${error.raw ?? error.message}; ${hint}`,
      hint,
      error.statusCode,
      error.raw,
    );
  }
}

/** `secret token and config app.conf`: names only, never values. */
const fileList = (files: readonly InjectedFile[]): string => {
  const names = files.map((f) => `${f.kind} ${f.key}`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
};

export async function connectNetwork(
  client: EngineClient,
  container: string,
  network: string,
  endpoint: EndpointOptions & { links?: string[] },
): Promise<void> {
  try {
    await client.json({
      what: `connect ${container} to network ${network}`,
      method: "POST",
      path: `/networks/${encodeURIComponent(network)}/connect`,
      body: {
        Container: container,
        EndpointConfig: endpointConfig(endpoint, endpoint.links),
      },
    });
  } catch (error) {
    if (error instanceof EngineError && /already exists in network/i.test(error.message)) return;
    throw error;
  }
}

export async function disconnectNetwork(
  client: EngineClient,
  container: string,
  network: string,
): Promise<void> {
  try {
    await client.json({
      what: `disconnect ${container} from network ${network}`,
      method: "POST",
      path: `/networks/${encodeURIComponent(network)}/disconnect`,
      body: { Container: container, Force: true },
    });
  } catch (error) {
    if (
      isEngineError(error, "not-found") ||
      (error instanceof EngineError && /is not connected/i.test(error.message))
    )
      return;
    throw error;
  }
}

export async function startContainer(client: EngineClient, name: string): Promise<void> {
  await client.json({
    what: `start container ${name}`,
    method: "POST",
    path: `/containers/${name}/start`,
    ok: [304],
  });
}

export async function stopContainer(
  client: EngineClient,
  name: string,
  timeoutSeconds?: number,
): Promise<void> {
  try {
    await client.json({
      what: `stop container ${name}`,
      method: "POST",
      path: `/containers/${name}/stop`,
      query: { t: timeoutSeconds },
      ok: [304],
      // The engine answers only after the grace period and the kill.
      timeoutMs: client.timeoutMs + (timeoutSeconds ?? 10) * 1000,
    });
  } catch (error) {
    if (!isEngineError(error, "not-found")) throw error;
  }
}

export async function removeContainer(
  client: EngineClient,
  name: string,
  options: { keepVolumes?: boolean } = {},
): Promise<void> {
  try {
    // v=true removes anonymous volumes only; named volumes are never touched here.
    await client.json({
      what: `remove container ${name}`,
      method: "DELETE",
      path: `/containers/${name}`,
      query: { force: true, v: !options.keepVolumes },
    });
  } catch (error) {
    if (isEngineError(error, "not-found")) return;
    if (error instanceof EngineError && /already in progress/i.test(error.message)) return;
    throw error;
  }
}

export async function renameContainer(client: EngineClient, name: string, newName: string): Promise<void> {
  try {
    await client.json({
      what: `rename container ${name} to ${newName}`,
      method: "POST",
      path: `/containers/${name}/rename`,
      query: { name: newName },
    });
  } catch (error) {
    // Interrupted after the rename: the old name is gone and the new one is there.
    if (isEngineError(error, "not-found") && (await inspect(client, newName))) return;
    throw error;
  }
}

export async function updateContainer(
  client: EngineClient,
  name: string,
  update: { restart?: RestartPolicy; resources?: Resources },
): Promise<void> {
  await client.json({
    what: `update container ${name}`,
    method: "POST",
    path: `/containers/${name}/update`,
    body: {
      ...(update.restart ? { RestartPolicy: restartPolicyBody(update.restart) } : {}),
      ...(update.resources ? resourcesBody(update.resources, true) : {}),
    },
  });
}

export async function containerStatus(client: EngineClient, name: string): Promise<ContainerStatus> {
  const c = await client.json<WireContainer>(inspectContainerRequest(name));
  const status: ContainerStatus = {
    state: c.State.Status as ContainerStatus["state"],
    oomKilled: c.State.OOMKilled,
  };
  const health = healthOf(c.State);
  if (health) {
    status.health = health;
    const last = c.State.Health?.Log?.at(-1);
    if (last) status.lastHealthOutput = last.Output.trim();
  }
  if (c.State.Status === "exited" || c.State.Status === "dead") status.exitCode = c.State.ExitCode;
  if (c.State.Error) status.error = c.State.Error;
  return status;
}

const inspect = (client: EngineClient, name: string) =>
  client.find<WireContainer>(inspectContainerRequest(name));
