import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { type DesiredStack, loadStack, renderCompose } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "stackform-references-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function load(text: string) {
  const file = join(dir, `stack-${counter++}.yaml`);
  writeFileSync(file, text);
  return loadStack({ cwd: dir, files: [file], env: {} });
}

const STACK = `name: app
services:
  web:
    image: nginx
    pid: service:data
    ipc: "service:data"
    volumes_from: [data, "data:ro", "container:keeper:rw", "container:other:ro"]
  data:
    image: busybox
    ipc: shareable
`;

test("pid, ipc service: and volumes_from are normalised, and written back as they were read", async () => {
  const { stack, diagnostics } = await load(STACK);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(stack?.services.web).toMatchObject({
    pid: "service:data",
    ipc: "service:data",
    volumesFrom: [
      { kind: "service", name: "data", readOnly: false },
      { kind: "service", name: "data", readOnly: true },
      { kind: "container", name: "keeper", readOnly: false },
      { kind: "container", name: "other", readOnly: true },
    ],
  });
  const again = await load(renderCompose(stack as DesiredStack, "yaml"));
  expect(again.stack?.services.web?.volumesFrom).toEqual(stack?.services.web?.volumesFrom);
  expect(again.stack?.services.web?.pid).toBe("service:data");
});

test("a reference to an unknown service names the key and suggests the service", async () => {
  const { diagnostics } = await load(`services:
  web: {image: nginx, pid: "service:dat", volumes_from: [daat]}
  data: {image: busybox}
`);
  const errors = diagnostics.filter((d) => d.code === "unknown-service");
  expect(errors.map((d) => [d.message, d.hint])).toEqual([
    ["services.web uses pid service:dat, but there is no service `dat`", "did you mean `service:data`?"],
    ["services.web uses volumes_from daat, but there is no service `daat`", "did you mean `data`?"],
  ]);
});

test("container: for pid is refused with a hint towards service:", async () => {
  const { diagnostics } = await load(`services:
  web: {image: nginx, pid: "container:x"}
`);
  expect(diagnostics[0]).toMatchObject({
    code: "invalid-namespace",
    hint: "share the process namespace of a service in this stack with service:<name>",
  });
});

test("volumes_from a service with a tmpfs mount is refused where it is written", async () => {
  const { diagnostics } = await load(`services:
  web:
    image: nginx
    volumes_from: [data]
  data: {image: busybox, tmpfs: /run}
`);
  expect(diagnostics.filter((d) => d.severity === "error")).toMatchObject([
    { code: "volumes-from-tmpfs", line: 4, column: 20 },
  ]);
});

test("links and external_links are read, checked and written back", async () => {
  const { stack, diagnostics } = await load(`name: app
services:
  web: {image: nginx, links: [db, "db:database"], external_links: ["legacy-db:old"]}
  db: {image: postgres}
`);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(stack?.services.web).toMatchObject({
    links: [{ name: "db" }, { name: "db", alias: "database" }],
    externalLinks: [{ name: "legacy-db", alias: "old" }],
  });
  const again = await load(renderCompose(stack as DesiredStack, "yaml"));
  expect(again.stack?.services.web?.links).toEqual(stack?.services.web?.links);
  expect(again.stack?.services.web?.externalLinks).toEqual(stack?.services.web?.externalLinks);

  const broken = await load(`services:
  web: {image: nginx, network_mode: host, links: [db]}
  db: {image: postgres}
  other: {image: nginx, links: ["db:a:b", dbb]}
`);
  expect(broken.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual([
    "links-with-network-mode",
    "invalid-link",
  ]);
});
