// The floor: the same containers created and started straight through the Engine API with the
// same concurrency Stackform's apply uses, then taken down gracefully as destroy does (stop with
// SIGTERM and the default grace period, then remove) at destroy's concurrency. Nothing a tool
// that stops containers properly can do is faster.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../packages/engine/package.json", import.meta.url));
const Docker = require("dockerode");

async function pool(items, concurrency, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

/** Returns { upMs, downMs } for `n` containers like the benchmark stack's services. */
export async function rawFloor({ n, image, prefix, concurrency = 8, downConcurrency = 16 }) {
  const docker = new Docker({ socketPath: "/var/run/docker.sock", version: "v1.41" });
  const names = Array.from({ length: n }, (_, i) => `${prefix}-s${i}-1`);
  const network = `${prefix}_default`;
  const up = performance.now();
  await docker.createNetwork({ Name: network, CheckDuplicate: true });
  await pool(names, concurrency, async (name) => {
    const c = await docker.createContainer({
      name,
      Image: image,
      Cmd: ["sleep", "3600"],
      HostConfig: { Init: true, NetworkMode: network },
      NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [name] } } },
    });
    await c.start();
  });
  const upMs = performance.now() - up;
  const down = performance.now();
  await pool(names, downConcurrency, async (name) => {
    const c = docker.getContainer(name);
    await c.stop({ t: 10 });
    await c.remove();
  });
  await docker.getNetwork(network).remove();
  const downMs = performance.now() - down;
  return { upMs, downMs };
}
