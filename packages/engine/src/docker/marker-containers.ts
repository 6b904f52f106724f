import { Labels, lockContainerName, metaContainerName } from "@stackform/schema/contract";
import type { LockHolder, LockResult, StackMeta } from "../engine.js";
import { isEngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";
import { ensureUtilityImage, UTILITY_IMAGE } from "./images.js";
import { inspectContainerRequest } from "./inspect-container.js";
import type { WireContainer } from "./wire-types.js";

/**
 * Lock and meta containers: created, never started, holding only labels. A container name is
 * unique on an engine and creation is atomic, which makes the lock safe between hosts and CI
 * jobs with no other shared store. Neither carries the stack label, so `observe()` ignores them.
 */
async function createMarker(
  client: EngineClient,
  name: string,
  labels: Record<string, string>,
): Promise<"created" | "exists"> {
  const create = () =>
    client.json({
      what: `create ${name}`,
      method: "POST",
      path: "/containers/create",
      query: { name },
      body: {
        Image: UTILITY_IMAGE,
        Cmd: ["/stackform-lock"],
        Labels: labels,
        HostConfig: { NetworkMode: "none" },
      },
    });
  try {
    await create();
    return "created";
  } catch (error) {
    if (isEngineError(error, "conflict")) return "exists";
    if (!isEngineError(error, "image-missing") && !isEngineError(error, "not-found")) throw error;
  }
  await ensureUtilityImage(client);
  try {
    await create();
    return "created";
  } catch (error) {
    if (isEngineError(error, "conflict")) return "exists";
    throw error;
  }
}

async function removeMarker(client: EngineClient, name: string): Promise<void> {
  try {
    await client.json({
      what: `remove ${name}`,
      method: "DELETE",
      path: `/containers/${name}`,
      query: { force: true },
    });
  } catch (error) {
    if (!isEngineError(error, "not-found")) throw error;
  }
}

export async function acquireLock(
  client: EngineClient,
  stack: string,
  holder: LockHolder,
): Promise<LockResult> {
  const name = lockContainerName(stack);
  // The holder may release between our failed create and the inspect; then try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const labels = {
      [Labels.lock]: stack,
      [Labels.lockHolder]: holder.holder,
      [Labels.lockHost]: holder.host,
      [Labels.lockSince]: new Date().toISOString(),
    };
    if ((await createMarker(client, name, labels)) === "created") return { acquired: true };
    const held = await client.find<WireContainer>(inspectContainerRequest(name));
    if (!held) continue;
    const heldLabels = held.Config.Labels ?? {};
    return {
      acquired: false,
      holder: heldLabels[Labels.lockHolder] ?? "unknown",
      host: heldLabels[Labels.lockHost] ?? "unknown",
      since: heldLabels[Labels.lockSince] ?? "unknown",
    };
  }
  return {
    acquired: false,
    holder: "unknown (the lock changed hands repeatedly)",
    host: "unknown",
    since: new Date().toISOString(),
  };
}

export const releaseLock = (client: EngineClient, stack: string): Promise<void> =>
  removeMarker(client, lockContainerName(stack));

/** Replaces the stack's meta container; an empty meta removes it. */
export async function writeStackMeta(client: EngineClient, stack: string, meta: StackMeta): Promise<void> {
  const name = metaContainerName(stack);
  await removeMarker(client, name);
  if (meta.expiresAt === undefined && meta.owner === undefined) return;
  const labels: Record<string, string> = { [Labels.meta]: stack };
  if (meta.expiresAt !== undefined) labels[Labels.expires] = meta.expiresAt;
  if (meta.owner !== undefined) labels[Labels.owner] = meta.owner;
  await createMarker(client, name, labels);
}

export const removeStackMeta = (client: EngineClient, stack: string): Promise<void> =>
  removeMarker(client, metaContainerName(stack));
