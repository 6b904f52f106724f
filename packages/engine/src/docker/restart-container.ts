import type { EngineClient } from "./engine-client.js";

export async function restartContainer(
  client: EngineClient,
  name: string,
  timeoutSeconds?: number,
): Promise<void> {
  await client.json({
    what: `restart container ${name}`,
    method: "POST",
    path: `/containers/${name}/restart`,
    query: { t: timeoutSeconds },
    // The engine answers only after the stop's grace period.
    timeoutMs: client.timeoutMs + (timeoutSeconds ?? 10) * 1000,
  });
}
