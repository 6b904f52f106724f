import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { loadStack, renderCompose } from "../src/index.js";

async function load(yaml: string) {
  const cwd = mkdtempSync(join(tmpdir(), "stackform-api-socket-"));
  writeFileSync(join(cwd, "stack.yaml"), yaml);
  const { stack, diagnostics } = await loadStack({ cwd, env: {} });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { stack: stack!, cwd };
}

test("use_api_socket binds the engine's socket once, and `stack config` writes the key back, not the bind", async () => {
  const { stack } = await load(`
services:
  ops:
    image: x
    use_api_socket: true
    volumes: ["data:/data"]
  twice:
    image: x
    use_api_socket: true
    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
volumes: { data: {} }
`);
  const socket = { type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock" };
  expect(stack.services.ops).toMatchObject({ useApiSocket: true, mounts: [{ target: "/data" }, socket] });
  expect(stack.services.twice?.mounts).toHaveLength(1);
  const written = renderCompose(stack, "yaml");
  expect(written).toContain("use_api_socket: true");
  expect(written.match(/docker\.sock/g)).toBeNull();
  const again = await load(written);
  expect(again.stack.services.ops?.mounts).toEqual(stack.services.ops?.mounts);
});
