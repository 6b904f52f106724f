import type { SwarmEngine, SwarmTask } from "./swarm-engine.js";

export interface ServiceProgress {
  name: string;
  running: number;
  desired: number;
  /** Swarm's update state, when an update is under way or ended. */
  updateState?: string;
}

export interface ConvergeResult {
  ok: boolean;
  /** Per service: why it did not converge, with the tasks' own errors. */
  failures: { name: string; reason: string; taskErrors: string[] }[];
}

const FAILED_UPDATE = new Set(["paused", "rollback_started", "rollback_paused", "rollback_completed"]);

/**
 * Waits until every given service has converged: as many tasks running as it wants (Swarm holds a
 * task with a healthcheck in `starting` until it is healthy, so running means healthy there), and
 * its update, if any, completed. An update Swarm paused or rolled back is a failure, reported with
 * the tasks' errors; so is the deadline.
 */
export async function waitForServices(
  engine: SwarmEngine,
  services: { id: string; name: string }[],
  options: { timeoutMs: number; onProgress?: (progress: ServiceProgress) => void; pollMs?: number },
): Promise<ConvergeResult> {
  const deadline = Date.now() + options.timeoutMs;
  const pending = new Map(services.map((s) => [s.id, s.name]));
  const failures: ConvergeResult["failures"] = [];
  const last = new Map<string, string>();
  let nodeCount: number | undefined;
  while (pending.size > 0) {
    const tasks = await engine.tasks({ serviceIds: [...pending.keys()] });
    for (const [id, name] of [...pending]) {
      const status = await engine.service(id);
      if (!status) {
        pending.delete(id);
        continue;
      }
      const mine = tasks.filter((t) => t.serviceId === id);
      // Only tasks of the service's current spec count: right after an update the old ones still run.
      const current = JSON.stringify(status.spec.TaskTemplate.ContainerSpec);
      const running = mine.filter(
        (t) => t.desiredState === "running" && t.state === "running" && t.containerSpec === current,
      ).length;
      const active = mine.filter((t) => t.desiredState === "running").length;
      let desired: number;
      if ("Replicated" in status.spec.Mode) desired = status.spec.Mode.Replicated.Replicas;
      else {
        nodeCount ??= new Set(mine.map((t) => t.node)).size;
        desired = Math.max(active, nodeCount);
      }
      const progress: ServiceProgress = {
        name,
        running,
        desired,
        ...(status.updateState ? { updateState: status.updateState } : {}),
      };
      const line = `${running}/${desired} ${status.updateState ?? ""}`;
      if (last.get(id) !== line) {
        last.set(id, line);
        options.onProgress?.(progress);
      }
      if (status.updateState && FAILED_UPDATE.has(status.updateState)) {
        if (status.updateState === "rollback_started") continue; // let the rollback finish first
        failures.push({
          name,
          reason: `update ${status.updateState.replace("_", " ")}${status.updateMessage ? `: ${status.updateMessage}` : ""}`,
          taskErrors: taskErrors(mine),
        });
        pending.delete(id);
        continue;
      }
      const updating = status.updateState === "updating";
      if (!updating && running === desired && active === desired) pending.delete(id);
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      const late = await engine.tasks({ serviceIds: [...pending.keys()] });
      for (const [id, name] of pending) {
        failures.push({
          name,
          reason: `did not converge within ${Math.round(options.timeoutMs / 1000)} s`,
          taskErrors: taskErrors(late.filter((t) => t.serviceId === id)),
        });
      }
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
  return { ok: failures.length === 0, failures };
}

/** The distinct errors of the service's failed or rejected tasks, with the node each was on. */
function taskErrors(tasks: SwarmTask[]): string[] {
  const seen = new Set<string>();
  for (const t of tasks) {
    if (!t.error) continue;
    seen.add(`${t.state} on ${t.node}: ${t.error}`);
  }
  return [...seen].slice(0, 10);
}
