import { printJson } from "../json-output.js";

/** What `stack watch` did, one event per action: a line on stderr, or JSON lines on stdout. */
export type WatchEvent =
  | { action: "watching"; services: string[]; paths: string[] }
  | {
      action: "sync";
      service: string;
      target: string;
      copied: string[];
      deleted: string[];
      containers: string[];
    }
  | { action: "restart"; service: string; containers: string[] }
  | { action: "exec"; service: string; command: string[]; containers: string[] }
  | { action: "rebuild"; service: string }
  | { action: "skipped"; service: string; reason: string }
  | { action: "error"; service?: string; message: string }
  | { action: "stopped" };

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeEvent(event: WatchEvent): string {
  switch (event.action) {
    case "watching":
      return `Watching ${count(event.paths.length, "path")} for service ${event.services.join(", ")} (Ctrl-C to stop)`;
    case "sync": {
      const parts: string[] = [];
      if (event.copied.length > 0 || event.deleted.length === 0)
        parts.push(count(event.copied.length, "file"));
      if (event.deleted.length > 0) parts.push(count(event.deleted.length, "deletion"));
      return `Syncing service ${event.service}: ${parts.join(", ")} → ${event.target}`;
    }
    case "restart":
      return `Restarting service ${event.service}: ${event.containers.join(", ")}`;
    case "exec":
      return `Running in service ${event.service}: ${event.command.join(" ")}`;
    case "rebuild":
      return `Rebuilding service ${event.service}`;
    case "skipped":
      return `Skipping service ${event.service}: ${event.reason}`;
    case "error":
      return `Error${event.service ? ` in service ${event.service}` : ""}: ${event.message}`;
    case "stopped":
      return "Stopped watching.";
  }
}

/** `json`: JSON lines on stdout (with `format_version`), else one human line per event on stderr. */
export function eventPrinter(json: boolean): (event: WatchEvent) => void {
  return (event) => {
    if (json) printJson({ ...event }, { lines: true });
    else process.stderr.write(`${describeEvent(event)}\n`);
  };
}
