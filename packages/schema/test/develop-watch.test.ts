import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { type Diagnostic, toCompose } from "../src/index.js";
import { textLoader } from "./text-loader.js";

const load = textLoader("develop");

const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === "error");

describe("develop.watch", () => {
  test("every action normalises, paths made absolute against the stack file's directory", async () => {
    const { cwd, stack, diagnostics } = await load(`name: dev
services:
  web:
    build: .
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app/src/
          ignore: [node_modules/, "*.log"]
          initial_sync: true
        - path: config.json
          action: sync+restart
          target: /etc/app/config.json
        - path: ./lib
          action: sync+exec
          target: /app/lib
          include: ["*.js"]
          exec:
            command: kill -HUP 1
            user: root
            environment: { MODE: dev }
        - path: package.json
          action: rebuild
        - path: /etc/hosts
          action: restart
`);
    expect(errors(diagnostics)).toEqual([]);
    expect(stack!.services.web!.watch).toEqual([
      {
        path: join(cwd, "src"),
        action: "sync",
        target: "/app/src",
        ignore: ["node_modules/", "*.log"],
        initialSync: true,
      },
      {
        path: join(cwd, "config.json"),
        action: "sync+restart",
        target: "/etc/app/config.json",
        ignore: [],
        initialSync: false,
      },
      {
        path: join(cwd, "lib"),
        action: "sync+exec",
        target: "/app/lib",
        ignore: [],
        include: ["*.js"],
        initialSync: false,
        exec: {
          command: ["kill", "-HUP", "1"],
          environment: { MODE: "dev" },
          sensitiveKeys: [],
          user: "root",
        },
      },
      { path: join(cwd, "package.json"), action: "rebuild", ignore: [], initialSync: false },
      { path: "/etc/hosts", action: "restart", ignore: [], initialSync: false },
    ]);
  });

  test("`stack config` writes the rules back, and what it writes loads to the same rules", async () => {
    const { stack } = await load(`name: dev
services:
  web:
    image: busybox
    develop:
      watch:
        - {path: ./src, action: sync, target: /app, ignore: ["*.tmp"], include: ["*.js"], initial_sync: true}
        - {path: ./lib, action: sync+exec, target: /lib, exec: {command: [kill, -HUP, "1"], user: "0"}}
`);
    const compose = toCompose(stack!) as { services: { web: Record<string, unknown> } };
    const web = compose.services.web;
    expect(web.develop).toEqual({ watch: expect.any(Array) });
    const again = await load(JSON.stringify({ name: "dev", services: { web } }));
    expect(again.stack!.services.web!.watch).toEqual(stack!.services.web!.watch);
  });

  test("a service without develop has no watch field, so its model is as before", async () => {
    const { stack } = await load("name: plain\nservices:\n  web:\n    image: busybox\n");
    expect(stack!.services.web && "watch" in stack!.services.web).toBe(false);
  });

  test("a sync without a target is an error at the rule, with a hint", async () => {
    const { diagnostics } = await load(
      "name: d\nservices:\n  web:\n    image: busybox\n    develop:\n      watch:\n        - path: src\n          action: sync\n",
    );
    expect(errors(diagnostics)).toMatchObject([
      {
        code: "watch-target-missing",
        path: ["services", "web", "develop", "watch", 0, "action"],
        line: 8,
        column: 11,
        hint: expect.stringContaining("target: /app"),
      },
    ]);
  });

  test("a relative target, sync+exec without exec and rebuild without build are errors", async () => {
    const { diagnostics } = await load(`name: d
services:
  web:
    image: busybox
    develop:
      watch:
        - {path: a, action: sync, target: app}
        - {path: b, action: sync+exec, target: /b}
        - {path: c, action: rebuild}
`);
    expect(errors(diagnostics).map((d) => d.code)).toEqual([
      "watch-target-relative",
      "watch-exec-missing",
      "watch-rebuild-without-build",
    ]);
  });

  test("an unknown action and an unknown key are reported where they are", async () => {
    const { diagnostics } = await load(`name: d
services:
  web:
    image: busybox
    develop:
      watch:
        - path: src
          action: copy
          target: /app
          delay: 1s
`);
    const found = errors(diagnostics);
    expect(found).toContainEqual(expect.objectContaining({ line: 8, column: 19 }));
    expect(found).toContainEqual(expect.objectContaining({ code: "unknown-key", line: 10, column: 11 }));
  });
});
