import { expect, test } from "vitest";
import { renderCompose } from "../src/index.js";
import { textLoader } from "./text-loader.js";

const loadText = textLoader("api-socket");

async function load(yaml: string) {
  const { stack, diagnostics } = await loadText(yaml);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { stack: stack! };
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

test("the use_api_socket bind is one of the normalised mounts: what the file mounts at the socket's path wins", async () => {
  const { stack } = await load(`
services:
  ops:
    image: x
    use_api_socket: true
    tmpfs: ["/var/run/docker.sock"]
`);
  expect(stack.services.ops?.mounts).toEqual([{ type: "tmpfs", target: "/var/run/docker.sock" }]);
});
