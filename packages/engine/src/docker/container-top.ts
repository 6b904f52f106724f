import type { ContainerProcesses } from "../engine.js";
import type { EngineClient } from "./engine-client.js";

/** `docker top`: the engine runs `ps` in the container's namespace. */
export async function containerTop(client: EngineClient, name: string): Promise<ContainerProcesses> {
  const top = await client.json<{ Titles: string[]; Processes: string[][] | null }>({
    what: `list the processes of container ${name}`,
    method: "GET",
    path: `/containers/${name}/top`,
  });
  return { titles: top.Titles, processes: top.Processes ?? [] };
}
