import { ASIDE_NAME_SUFFIX, type Operation } from "@stackform/planner";
import { TEMPORARY_NAME_SUFFIX } from "@stackform/schema/contract";

/** What a progress line is about, and the words for an operation in progress and when done. */
export interface OperationWords {
  /** `Container app-web-1`, `Network app_back`, `Image app-web`. */
  object: string;
  doing: string;
  done: string;
}

// The new container of a replace shows on the line of the container it becomes.
const finalName = (name: string) =>
  name.endsWith(TEMPORARY_NAME_SUFFIX) ? name.slice(0, -TEMPORARY_NAME_SUFFIX.length) : name;

// The old container a rolling update set aside (`<name>--stackform-old`) shows as the old one.
const isAside = (name: string) => name.endsWith(ASIDE_NAME_SUFFIX);
const withoutAside = (name: string) => (isAside(name) ? name.slice(0, -ASIDE_NAME_SUFFIX.length) : name);

export function describeOperation(op: Operation): OperationWords {
  switch (op.kind) {
    case "pullImage":
      return { object: `Image ${op.image}`, doing: "Pulling", done: "Pulled" };
    case "buildImage":
      return { object: `Image ${op.image}`, doing: "Building", done: "Built" };
    case "createNetwork":
      return { object: `Network ${op.network.name}`, doing: "Creating", done: "Created" };
    case "removeNetwork":
      return { object: `Network ${op.network}`, doing: "Removing", done: "Removed" };
    case "connectNetwork":
      return {
        object: `Container ${finalName(op.container)}`,
        doing: `Connecting to ${op.network}`,
        done: `Connected to ${op.network}`,
      };
    case "disconnectNetwork":
      return {
        object: `Container ${finalName(op.container)}`,
        doing: `Disconnecting from ${op.network}`,
        done: `Disconnected from ${op.network}`,
      };
    case "createVolume":
      return { object: `Volume ${op.volume.name}`, doing: "Creating", done: "Created" };
    case "removeVolume":
      return { object: `Volume ${op.volume}`, doing: "Removing (data deleted)", done: "Removed" };
    case "createContainer":
      return { object: `Container ${finalName(op.spec.name)}`, doing: "Creating", done: "Created" };
    case "startContainer":
      return { object: `Container ${finalName(op.container)}`, doing: "Starting", done: "Started" };
    case "stopContainer":
      return { object: `Container ${finalName(op.container)}`, doing: "Stopping", done: "Stopped" };
    case "removeContainer":
      return isAside(op.container)
        ? {
            object: `Container ${withoutAside(op.container)}`,
            doing: "Removing the old container",
            done: "Removed the old container",
          }
        : { object: `Container ${finalName(op.container)}`, doing: "Removing", done: "Removed" };
    case "renameContainer":
      return isAside(op.newName)
        ? {
            object: `Container ${op.container}`,
            doing: "Setting the old container aside",
            done: "Set the old container aside",
          }
        : { object: `Container ${op.newName}`, doing: "Renaming", done: "Renamed" };
    case "updateContainer":
      return { object: `Container ${finalName(op.container)}`, doing: "Updating", done: "Updated" };
    case "gate":
      return {
        object: `Container ${finalName(op.container)}`,
        doing: "Waiting until up (healthy, or running)",
        done: "Up",
      };
    case "sleep":
      return op.reason.startsWith("drain ")
        ? { object: `Container ${op.reason.slice(6)}`, doing: `Draining (${op.ms / 1000}s)`, done: "Drained" }
        : {
            object: `Service ${op.resource.replace(/^service /, "")}`,
            doing: `Waiting ${op.ms / 1000}s (update_config.delay)`,
            done: "Waited",
          };
    case "wait": {
      const target = { running: "running", healthy: "healthy", exited0: "completed" }[op.until];
      return {
        object: `Container ${finalName(op.container)}`,
        doing: `Waiting until ${target}`,
        done: target === "completed" ? "Completed" : target[0]!.toUpperCase() + target.slice(1),
      };
    }
  }
}
