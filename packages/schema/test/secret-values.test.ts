import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { loadStack, redactStack, renderCompose } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "stackform-secret-values-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "token.txt"), "from a file\n");

let counter = 0;
async function load(text: string, env: Record<string, string> = {}) {
  const file = join(dir, `stack-${counter++}.yaml`);
  writeFileSync(file, text);
  return loadStack({ cwd: dir, files: [file], env });
}

const errors = (diagnostics: { severity: string; code: string; message: string; hint?: string }[]) =>
  diagnostics.filter((d) => d.severity === "error");

const STACK = `name: app
services:
  web:
    image: nginx
    secrets:
      - token
      - source: token
        target: /etc/token
        uid: "1000"
        gid: 1001
        mode: 0400
      - file_token
    configs:
      - app.conf
      - source: app.conf
        target: conf/other.conf
secrets:
  token:
    environment: APP_TOKEN
  file_token:
    file: ./token.txt
configs:
  app.conf:
    content: |
      port \${PORT:-8080}
      literal $$HOME
`;

describe("secrets and configs from environment: and content:", () => {
  test("become files copied in, with Compose's targets, owner and mode", async () => {
    const { stack, diagnostics } = await load(STACK, { APP_TOKEN: "s3cr3t" });
    expect(errors(diagnostics)).toEqual([]);
    expect(stack?.secrets.token).toEqual({ key: "token", environment: "APP_TOKEN", value: "s3cr3t" });
    expect(stack?.configs["app.conf"]).toEqual({ key: "app.conf", value: "port 8080\nliteral $HOME\n" });
    const web = stack!.services.web!;
    expect(web.injectedFiles).toEqual([
      {
        kind: "secret",
        key: "token",
        target: "/run/secrets/token",
        content: "s3cr3t",
        sensitive: true,
        uid: 0,
        gid: 0,
        mode: 0o444,
      },
      {
        kind: "secret",
        key: "token",
        target: "/etc/token",
        content: "s3cr3t",
        sensitive: true,
        uid: 1000,
        gid: 1001,
        mode: 0o400,
      },
      {
        kind: "config",
        key: "app.conf",
        target: "/app.conf",
        content: "port 8080\nliteral $HOME\n",
        sensitive: false,
        uid: 0,
        gid: 0,
        mode: 0o444,
      },
      {
        kind: "config",
        key: "app.conf",
        target: "/conf/other.conf",
        content: "port 8080\nliteral $HOME\n",
        sensitive: false,
        uid: 0,
        gid: 0,
        mode: 0o444,
      },
    ]);
    // A `file:` secret stays a read-only bind.
    expect(web.mounts).toEqual([
      {
        type: "bind",
        source: join(dir, "token.txt"),
        target: "/run/secrets/file_token",
        readOnly: true,
        createHostPath: false,
      },
    ]);
  });

  test("a service without any keeps no injectedFiles key (its config hash is unchanged)", async () => {
    const { stack } = await load("name: app\nservices:\n  web:\n    image: nginx\n");
    expect(stack?.services.web).not.toHaveProperty("injectedFiles");
  });

  test("stack config names the variable, never the secret's value, and reads back the same", async () => {
    const { stack } = await load(STACK, { APP_TOKEN: "s3cr3t" });
    const text = renderCompose(redactStack(stack!), "yaml");
    expect(text).not.toContain("s3cr3t");
    expect(text).toContain("environment: APP_TOKEN");
    const again = await load(renderCompose(stack!, "yaml"), { APP_TOKEN: "s3cr3t" });
    expect(errors(again.diagnostics)).toEqual([]);
    expect(again.stack?.services.web?.injectedFiles).toEqual(stack?.services.web?.injectedFiles);
    expect(again.stack?.configs).toEqual(stack?.configs);
  });

  test("an unset variable is an error naming it", async () => {
    const { diagnostics } = await load(STACK);
    expect(errors(diagnostics)).toEqual([
      expect.objectContaining({
        code: "missing-variable",
        message: "secrets.token takes its value from the variable APP_TOKEN, which is not set",
        hint: "set APP_TOKEN in the environment or in .env",
      }),
    ]);
  });

  test("an empty variable is a value (an empty file), as in Compose", async () => {
    const { stack, diagnostics } = await load(STACK, { APP_TOKEN: "" });
    expect(errors(diagnostics)).toEqual([]);
    expect(stack?.services.web?.injectedFiles?.[0]?.content).toBe("");
  });

  test.each([
    [
      "none of the value keys",
      "secrets:\n  s: {}\n",
      {
        code: "missing-key",
        message: "secrets.s says nowhere where its value comes from",
        hint: "give exactly one of `file:` or `environment:`",
      },
    ],
    [
      "two value keys",
      "configs:\n  c:\n    content: a\n    environment: A\n",
      {
        code: "conflicting-keys",
        message: "configs.c gives its value with `environment:` and `content:`; it takes one",
        hint: "give exactly one of `file:`, `environment:` or `content:`",
      },
    ],
    [
      "content: on a secret",
      "secrets:\n  s:\n    content: a\n",
      { code: "unsupported-key", hint: expect.stringContaining("`content:` for configs only") },
    ],
    [
      "a Swarm-only key",
      "configs:\n  c:\n    external: true\n",
      { code: "unsupported-key", hint: expect.stringContaining("without Swarm") },
    ],
  ])("%s is refused with a hint", async (_what, text, expected) => {
    const { diagnostics } = await load(`name: app\n${text}`, { A: "a" });
    expect(errors(diagnostics)).toEqual([expect.objectContaining(expected)]);
  });

  test("uid, gid and mode are refused for a file: bind, and checked for a copy", async () => {
    const { diagnostics } = await load(
      `name: app
services:
  web:
    image: nginx
    secrets:
      - { source: file_token, mode: 0400 }
      - { source: token, uid: root, mode: 999 }
secrets:
  token: { environment: T }
  file_token: { file: ./token.txt }
`,
      { T: "t" },
    );
    expect(errors(diagnostics).map((d) => [d.code, d.message])).toEqual([
      ["unsupported-key", "`mode` does not apply to file_token, which is bind-mounted from its file"],
      ["invalid-owner", '"root" is not a numeric user or group id'],
      ["invalid-mode", "999 is not a file mode"],
    ]);
  });

  test("read_only: true with a copied-in file is refused before the engine refuses it", async () => {
    const { diagnostics } = await load(
      "name: app\nservices:\n  web:\n    image: nginx\n    read_only: true\n    secrets: [token]\nsecrets:\n  token: { environment: T }\n",
      { T: "t" },
    );
    expect(errors(diagnostics)).toEqual([
      expect.objectContaining({
        code: "read-only-injected-files",
        hint: expect.stringContaining("drop read_only"),
      }),
    ]);
  });

  test("a copied-in file may not share a target with a mount", async () => {
    const { diagnostics } = await load(
      "name: app\nservices:\n  web:\n    image: nginx\n    tmpfs: /run/secrets/token\n    secrets: [token]\nsecrets:\n  token: { environment: T }\n",
      { T: "t" },
    );
    expect(errors(diagnostics)).toEqual([expect.objectContaining({ code: "duplicate-mount-target" })]);
  });
});
