import { Labels } from "@stackform/schema/contract";
import { allocatedPort, EngineError, nameClash } from "../errors.js";

interface ListedContainer {
  Id: string;
  Names: string[];
  Labels: Record<string, string> | null;
  Ports?: { IP?: string; PublicPort?: number; Type?: string }[];
}

/** How the helper asks the engine; failures are the caller's to swallow. */
type Ask = <T>(what: string, path: string, query?: Record<string, unknown>) => Promise<T>;

/**
 * Adds to a "port already allocated" or "name already in use" error which container is in the
 * way, and whose it is, so the user does not have to go looking. Best effort: when the engine
 * cannot tell (or the port is held by a process outside Docker), the error says so or stays as it was.
 */
export async function nameTheHolder(error: EngineError, ask: Ask): Promise<EngineError> {
  try {
    if (error.kind === "port-allocated") return await portHolder(error, ask);
    if (error.kind === "conflict") return await nameHolder(error, ask);
  } catch {
    // The lookup is a courtesy; the original error is still true.
  }
  return error;
}

async function portHolder(error: EngineError, ask: Ask): Promise<EngineError> {
  const port = allocatedPort(error.raw ?? "");
  if (!port) return error;
  const running = await ask<ListedContainer[]>("list containers", "/containers/json");
  const holder = running.find((c) => (c.Ports ?? []).some((p) => p.PublicPort === port.port));
  const who = holder
    ? `held by container ${containerName(holder)}${owner(holder.Labels ?? {})}`
    : "held by a process outside Docker, or by another engine";
  return withMessage(error, `${error.message}, ${who}`);
}

async function nameHolder(error: EngineError, ask: Ask): Promise<EngineError> {
  const clash = nameClash(error.raw ?? "");
  if (!clash) return error;
  const held = await ask<{ Config: { Image: string; Labels: Record<string, string> | null } }>(
    `inspect container ${clash.id.slice(0, 12)}`,
    `/containers/${clash.id}/json`,
  );
  const whose = owner(held.Config.Labels ?? {}).trim();
  return withMessage(
    error,
    `${error.message} (image ${held.Config.Image}, ${whose || "made outside Stackform"})`,
  );
}

const containerName = (c: ListedContainer): string => (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, "");

function owner(labels: Record<string, string>): string {
  const stack = labels[Labels.stack];
  if (stack) return ` of stack ${stack}`;
  const project = labels[Labels.composeProject];
  if (project) return ` of Compose project ${project}`;
  return "";
}

const withMessage = (error: EngineError, message: string): EngineError =>
  new EngineError(error.kind, message, error.hint, error.statusCode, error.raw);
