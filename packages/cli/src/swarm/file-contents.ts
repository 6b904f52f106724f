import { readFile } from "node:fs/promises";
import type { DesiredStack } from "@stackform/schema";
import { CliError } from "../cli-error.js";

/**
 * The values of the stack's `file:` secrets and configs, keyed `secret:KEY` / `config:KEY`: on a
 * Swarm they become objects the nodes get from the managers, so the file is read here, once.
 */
export async function readFileObjectContents(desired: DesiredStack): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const kind of ["secret", "config"] as const) {
    for (const object of Object.values(desired[`${kind}s`])) {
      if (object.file === undefined) continue;
      try {
        contents[`${kind}:${object.key}`] = await readFile(object.file, "utf8");
      } catch (error) {
        throw new CliError(
          `cannot read ${kind} ${object.key} from ${object.file}: ${(error as Error).message}`,
          "fix the path in the stack file (relative to the stack file) or the file's permissions",
        );
      }
    }
  }
  return contents;
}
