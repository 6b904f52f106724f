import { swarmBuildErrors } from "@stackform/planner";
import type { DesiredStack } from "@stackform/schema";
import { ExitCode } from "../cli-error.js";
import { printDiagnostics } from "../load-desired.js";

/**
 * Ends the command, as a load error does, when a `build:` service names no registry its image
 * could be pushed to and pulled from: the deploy could only fail on the nodes.
 */
export function refuseUnpullableBuilds(desired: DesiredStack): void {
  const errors = swarmBuildErrors(desired);
  if (errors.length === 0) return;
  printDiagnostics(errors);
  throw new ExitCode(1);
}
