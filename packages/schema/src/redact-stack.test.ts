import { expect, test } from "vitest";
import type { DesiredService, DesiredStack } from "./model/desired-stack.js";
import { redactStack } from "./redact-stack.js";
import { isSensitiveKey } from "./sensitive.js";

test("isSensitiveKey", () => {
  for (const key of ["DB_PASSWORD", "api_token", "SECRET", "AWS_ACCESS_KEY_ID", "GIT_CREDENTIALS"]) {
    expect(isSensitiveKey(key)).toBe(true);
  }
  for (const key of ["HOST", "PORT", "LOG_LEVEL"]) expect(isSensitiveKey(key)).toBe(false);
});

test("redactStack masks sensitive environment values, build args and secret values, and copies", () => {
  const service = {
    name: "app",
    environment: { DB_PASSWORD: "hunter2", HOST: "db", GREETING: "private" },
    // The normaliser lists every sensitive key, by name (DB_PASSWORD, NPM_TOKEN) or declared.
    sensitiveKeys: ["DB_PASSWORD", "GREETING", "NPM_TOKEN"],
    build: { context: "/x", dockerfile: "Dockerfile", args: { NPM_TOKEN: "t", NODE: "20" } },
    injectedFiles: [
      { kind: "secret", key: "token", target: "/run/secrets/token", content: "s3cr3t", sensitive: true },
      { kind: "config", key: "conf", target: "/conf", content: "port 80", sensitive: false },
    ],
  } as unknown as DesiredService;
  const stack = {
    name: "s",
    services: { app: service },
    secrets: {
      token: { key: "token", environment: "TOKEN", value: "s3cr3t" },
      file: { key: "file", file: "/f" },
    },
  } as unknown as DesiredStack;
  const redacted = redactStack(stack);
  expect(redacted.services.app?.environment).toEqual({
    DB_PASSWORD: "(sensitive)",
    HOST: "db",
    GREETING: "(sensitive)",
  });
  expect(redacted.services.app?.build?.args).toEqual({ NPM_TOKEN: "(sensitive)", NODE: "20" });
  expect(redacted.services.app?.injectedFiles?.map((f) => f.content)).toEqual(["(sensitive)", "port 80"]);
  expect(redacted.secrets).toEqual({
    token: { key: "token", environment: "TOKEN", value: "(sensitive)" },
    file: { key: "file", file: "/f" },
  });
  expect(service.environment.DB_PASSWORD).toBe("hunter2");
  expect(service.injectedFiles?.[0]?.content).toBe("s3cr3t");
});
