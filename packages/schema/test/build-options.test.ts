import { describe, expect, it } from "vitest";
import { renderCompose } from "../src/index.js";
import { textLoader } from "./text-loader.js";

const loadText = textLoader("build-options");

const FULL = `services:
  web:
    image: app/web:1
    build:
      context: .
      dockerfile_inline: |
        FROM stackform-test/busybox:1
        RUN cat /etc/hosts
      labels:
        org.example.team: web
        - ignored: never
      tags: [app/web:latest, app/web:latest, registry.local/web:1]
      cache_from: [app/web:0, "type=registry,ref=app/web:cache"]
      no_cache: true
      pull: true
      network: host
      extra_hosts: ["db.internal:10.0.0.5", "cache.internal=10.0.0.6"]
      shm_size: 128m
      ulimits:
        nofile: {soft: 1024, hard: 2048}
        nproc: 512
`.replace("        - ignored: never\n", "");

async function errorsOf(build: string) {
  const { diagnostics } = await loadText(`services:\n  web:\n    image: x:1\n    build:\n${build}`);
  return diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => ({ code: d.code, message: d.message, hint: d.hint, line: d.line }));
}

describe("build options", () => {
  it("normalises every option the classic builder takes", async () => {
    const { stack, diagnostics, cwd } = await loadText(FULL);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(stack?.services.web?.build).toEqual({
      context: cwd,
      dockerfile: "Dockerfile",
      args: {},
      dockerfileInline: "FROM stackform-test/busybox:1\nRUN cat /etc/hosts\n",
      labels: { "org.example.team": "web" },
      tags: ["app/web:latest", "registry.local/web:1"],
      cacheFrom: ["app/web:0", "app/web:cache"],
      noCache: true,
      pull: true,
      network: "host",
      extraHosts: ["db.internal:10.0.0.5", "cache.internal:10.0.0.6"],
      shmSize: 128 * 1024 * 1024,
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: { soft: 512, hard: 512 } },
    });
  });

  it("leaves unset options out of the BuildSpec", async () => {
    const { stack } = await loadText("services:\n  web:\n    build:\n      context: .\n      target: prod\n");
    expect(Object.keys(stack?.services.web?.build ?? {}).sort()).toEqual([
      "args",
      "context",
      "dockerfile",
      "target",
    ]);
  });

  it("exports them as Compose writes them, and reads the export back to the same build", async () => {
    const { stack } = await loadText(FULL);
    const yaml = renderCompose(stack!, "yaml");
    expect(yaml).toContain("dockerfile_inline: ");
    expect(yaml).toContain("shm_size: 128m");
    expect(yaml).toContain("- cache.internal:10.0.0.6");
    const again = await loadText(yaml);
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(again.stack?.services.web?.build).toEqual({
      ...stack?.services.web?.build,
      // The export names the context by its absolute path.
      context: stack?.services.web?.build?.context,
    });
  });

  it("refuses dockerfile with dockerfile_inline, at the inline key", async () => {
    expect(await errorsOf("      dockerfile: Dockerfile\n      dockerfile_inline: FROM scratch\n")).toEqual([
      {
        code: "dockerfile-and-inline",
        message: "build sets both dockerfile and dockerfile_inline; they are mutually exclusive",
        hint: "keep one: a file in the context, or the Dockerfile's text inline",
        line: 6,
      },
    ]);
  });

  it("refuses BuildKit cache types, and checks sizes and limits, at their lines", async () => {
    const errors = await errorsOf(
      '      cache_from: ["type=local,src=/tmp/cache"]\n      shm_size: lots\n      ulimits:\n        nofile: {soft: 10, hard: 5}\n',
    );
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ["invalid-cache-from", 5],
      ["invalid-size", 6],
      ["invalid-ulimit", 8],
    ]);
    expect(errors[0]?.message).toBe(
      "services.web.build.cache_from[0]: type=local is a BuildKit cache; Stackform builds with the classic builder",
    );
  });

  it("rejects isolation as Windows-only and BuildKit keys with their reason", async () => {
    const errors = await errorsOf("      isolation: hyperv\n      secrets: [token]\n");
    expect(errors.map((e) => [e.code, e.line, e.hint])).toEqual([
      ["unsupported-key", 5, "isolation modes are a Windows engine setting; remove it for Linux builds"],
      ["unsupported-key", 6, "this needs BuildKit; Stackform builds with the classic builder"],
    ]);
  });
});
