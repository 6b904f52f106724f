import type { ContainerStatus } from "@stackform/engine";
import type { WaitCondition } from "@stackform/planner";

/** `met`: stop waiting; `pending`: ask again; `{ failed }`: it can no longer be met, and why. */
export type Verdict = "met" | "pending" | { failed: string };

/**
 * Whether a container's status meets a wait condition. A condition that can no longer be met
 * fails at once rather than at the deadline, as Compose does for unhealthy dependencies.
 */
export function judgeStatus(status: ContainerStatus, condition: WaitCondition): Verdict {
  const ended = status.state === "exited" || status.state === "dead";
  const endedBadly = ended && (status.state === "dead" || status.oomKilled || status.exitCode !== 0);
  switch (condition) {
    case "running":
      if (status.state === "running") return "met";
      // `service_started` is about having started: a one-shot that already finished cleanly
      // started fine (Compose's `up --wait` accepts it too).
      if (ended && !endedBadly) return "met";
      return endedBadly ? { failed: whyEnded(status) } : "pending";
    case "healthy":
      if (status.health === "healthy") return "met";
      if (status.health === "unhealthy") return { failed: "its healthcheck is failing" };
      if (ended) return { failed: whyEnded(status) };
      // Docker reports `starting` from the first moment a healthcheck exists; a running container
      // without health never becomes healthy.
      if (status.state === "running" && status.health === undefined)
        return { failed: "it has no healthcheck" };
      return "pending";
    case "exited0":
      if (ended && !endedBadly) return "met";
      return endedBadly ? { failed: whyEnded(status) } : "pending";
  }
}

function whyEnded(status: ContainerStatus): string {
  if (status.oomKilled) return "it was killed for running out of memory (raise its memory limit)";
  if (status.state === "dead") return "its container is dead";
  return status.exitCode === undefined ? "it exited" : `it exited with code ${status.exitCode}`;
}
