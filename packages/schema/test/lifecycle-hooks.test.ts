import { describe, expect, test } from "vitest";
import { redactStack, renderCompose } from "../src/index.js";
import { textLoader } from "./text-loader.js";

const load = textLoader("hooks");

describe("post_start and pre_stop", () => {
  test("every form normalises: string and list commands, map and list environment, interpolated", async () => {
    const { stack, diagnostics } = await load(
      `name: hooks
services:
  web:
    image: busybox
    x-sensitive: [SEED]
    post_start:
      - command: echo "started \${WHO}"
      - command: [sh, -c, "touch /tmp/ready"]
        user: "0"
        privileged: true
        working_dir: /tmp
        environment:
          DB_PASSWORD: hunter2
          SEED: \${SEED}
          MODE: fast
    pre_stop:
      - command: ["sh", "-c", "echo bye"]
        user: 1000
        environment: [GREETING=bye, API_TOKEN=abc, FROM_ENV]
`,
      { WHO: "world", SEED: "42", FROM_ENV: "yes" },
    );
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(stack!.services.web!.hooks).toEqual({
      postStart: [
        { command: ["echo", "started world"], environment: {}, sensitiveKeys: [] },
        {
          command: ["sh", "-c", "touch /tmp/ready"],
          environment: { DB_PASSWORD: "hunter2", MODE: "fast", SEED: "42" },
          sensitiveKeys: ["DB_PASSWORD", "SEED"],
          user: "0",
          privileged: true,
          workingDir: "/tmp",
        },
      ],
      preStop: [
        {
          command: ["sh", "-c", "echo bye"],
          environment: { API_TOKEN: "abc", FROM_ENV: "yes", GREETING: "bye" },
          sensitiveKeys: ["API_TOKEN"],
          user: "1000",
        },
      ],
    });
  });

  test("a service without hooks has none, so its model is as before", async () => {
    const { stack } = await load("name: plain\nservices:\n  web:\n    image: busybox\n");
    expect(stack!.services.web && "hooks" in stack!.services.web).toBe(false);
  });

  test("one kind alone gives an empty list of the other", async () => {
    const { stack } = await load(
      'name: one\nservices:\n  web:\n    image: busybox\n    pre_stop:\n      - command: ["true"]\n',
    );
    expect(stack!.services.web!.hooks).toEqual({
      postStart: [],
      preStop: [{ command: ["true"], environment: {}, sensitiveKeys: [] }],
    });
  });

  test("a hook without a command is an error at the hook, with a hint", async () => {
    const { stack, diagnostics } = await load(
      "name: bad\nservices:\n  web:\n    image: busybox\n    post_start:\n      - user: root\n",
    );
    expect(stack).toBeUndefined();
    const error = diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({
      path: ["services", "web", "post_start", 0, "command"],
      line: 6,
      column: 9,
    });
    expect(error?.message).toContain("services.web.post_start[0].command must be");
  });

  test("an unknown key in a hook is named with its position", async () => {
    const { diagnostics } = await load(
      'name: bad\nservices:\n  web:\n    image: busybox\n    pre_stop:\n      - command: ["true"]\n        timeout: 5s\n',
    );
    const error = diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({ code: "unknown-key", line: 7, column: 9 });
    expect(error?.message).toContain("`timeout` in services.web.pre_stop[0]");
    expect(error?.hint).toContain("command, user, privileged, working_dir, environment");
  });

  test("a command of the wrong type is refused at its value", async () => {
    const { diagnostics } = await load(
      "name: bad\nservices:\n  web:\n    image: busybox\n    post_start:\n      - command: 5\n",
    );
    const error = diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({ code: "invalid-type", line: 6, column: 18 });
    expect(error?.message).toContain("services.web.post_start[0].command");
  });

  test("an empty command and an unbalanced quote are errors at the command", async () => {
    const empty = await load(
      "name: bad\nservices:\n  web:\n    image: busybox\n    post_start:\n      - command: []\n",
    );
    expect(empty.diagnostics.find((d) => d.severity === "error")).toMatchObject({
      code: "empty-hook-command",
      message: "services.web.post_start[0].command is empty",
      line: 6,
    });
    const quote = await load(
      "name: bad\nservices:\n  web:\n    image: busybox\n    pre_stop:\n      - command: echo 'oops\n",
    );
    expect(quote.diagnostics.find((d) => d.severity === "error")).toMatchObject({
      code: "invalid-command",
      line: 6,
    });
  });

  test("`stack config` writes them back, secrets masked, and the written file loads to the same hooks", async () => {
    const text = `name: back
services:
  web:
    image: busybox
    x-sensitive: [SEED]
    post_start:
      - command: ["sh", "-c", "echo hi"]
        user: "0"
        privileged: false
        working_dir: /tmp
        environment: { API_TOKEN: t0ken-value, SEED: "42", MODE: fast }
    pre_stop:
      - command: sync
`;
    const { stack } = await load(text);
    const shown = renderCompose(redactStack(stack!), "yaml");
    expect(shown).not.toContain("t0ken-value");
    expect(shown).not.toContain('"42"');
    expect(shown).toContain("API_TOKEN: (sensitive)");
    const again = await load(renderCompose(stack!, "yaml"));
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(again.stack!.services.web!.hooks).toEqual(stack!.services.web!.hooks);
  });
});
