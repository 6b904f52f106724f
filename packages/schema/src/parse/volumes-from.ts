import type { Link, VolumesFrom } from "../model/desired-stack.js";
import { failed, type Parsed, parsed } from "./parsed.js";

/** `service`, `service:ro`, `container:name`, `container:name:rw`, as Compose reads `volumes_from`. */
export function parseVolumesFrom(input: string): Parsed<VolumesFrom> {
  const parts = input.split(":");
  const container = parts[0] === "container";
  const [name = "", mode, ...rest] = container ? parts.slice(1) : parts;
  if (name === "" || rest.length > 0)
    return failed(
      `"${input}" is not a volumes_from entry`,
      "write <service>[:ro|:rw] or container:<name>[:ro|:rw]",
    );
  if (mode !== undefined && mode !== "ro" && mode !== "rw")
    return failed(`"${mode}" is not an access mode`, "write ro or rw after the name");
  return parsed({ kind: container ? "container" : "service", name, readOnly: mode === "ro" });
}

/** `links` (`service[:alias]`) and `external_links` (`container[:alias]`). */
export function parseLink(input: string): Parsed<Link> {
  const [name = "", alias, ...rest] = input.split(":");
  if (name === "" || alias === "" || rest.length > 0)
    return failed(`"${input}" is not a link`, "write <name> or <name>:<alias>");
  return parsed(alias === undefined ? { name } : { name, alias });
}
