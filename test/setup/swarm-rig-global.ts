// Why: the Swarm test files share one three-node rig (scripts/swarm-rig.sh). The first of them
// brings it up and leaves it up for the rest; this takes it down once the run is over, so the run
// leaves nothing behind, but only when the run brought it up: a rig someone keeps up for work
// stays up.
import { isSwarmRigUp, stopSwarmRig } from "../support/swarm-rig.js";

export default async function setup(): Promise<() => Promise<void>> {
  const wasUp = await isSwarmRigUp();
  return async () => {
    if (wasUp || !(await isSwarmRigUp())) return;
    const downMs = await stopSwarmRig();
    process.stderr.write(`swarm rig down in ${downMs} ms\n`);
  };
}
