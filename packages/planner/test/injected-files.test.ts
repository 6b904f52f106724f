import type { InjectedFile, ObservedState } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { configHash } from "../src/hash/config-hash.js";
import { plan } from "../src/plan.js";
import { planToJson } from "../src/render/plan-to-json.js";
import { renderPlan } from "../src/render/render-plan.js";
import { buildContainerSpec } from "../src/spec/container-spec.js";
import { sensitiveValues } from "../src/spec/sensitive-keys.js";
import { changeContainer, desiredStack, human, observedFromDesired } from "./builders.js";

const SECRET = "tok-3b9e1c-secret-value";
const NEXT = "tok-aa70f2-next-value";
const empty: ObservedState = { stack: "app", containers: [], networks: [], volumes: [], images: [] };

const secretFile = (content: string, more: Partial<InjectedFile> = {}): InjectedFile => ({
  kind: "secret",
  key: "token",
  target: "/run/secrets/token",
  content,
  sensitive: true,
  uid: 0,
  gid: 0,
  mode: 0o444,
  ...more,
});

const configFile = (content: string): InjectedFile => ({
  kind: "config",
  key: "app.conf",
  target: "/app.conf",
  content,
  sensitive: false,
  uid: 0,
  gid: 0,
  mode: 0o444,
});

const stack = (secret: string, config = "port 80\n", extra: InjectedFile[] = []) =>
  desiredStack({
    services: { web: { injectedFiles: [secretFile(secret), configFile(config), ...extra] } },
  });

function everyRendering(p: ReturnType<typeof plan>): string[] {
  return [
    renderPlan(p, { format: "human", color: false }),
    renderPlan(p, { format: "markdown", color: false }),
    JSON.stringify(planToJson(p)),
  ];
}

const trustNoHash = { trustConfigHash: false };

describe("secrets and configs copied into containers", () => {
  it("travel in the create spec, listed by target in a label that holds no value", () => {
    const desired = stack(SECRET);
    const spec = buildContainerSpec(desired, desired.services.web!, 1);
    expect(spec.files?.map((f) => f.target)).toEqual(["/run/secrets/token", "/app.conf"]);
    expect(JSON.parse(spec.labels["dev.stackform.files"]!)).toEqual([
      { kind: "secret", key: "token", target: "/run/secrets/token" },
      { kind: "config", key: "app.conf", target: "/app.conf" },
    ]);
    const p = plan(desired, empty);
    const create = p.operations.find((o) => o.kind === "createContainer");
    expect(JSON.stringify(create?.kind === "createContainer" && create.spec.labels)).not.toContain(SECRET);
  });

  it("a service without any has no files and no label", () => {
    const desired = desiredStack({ services: { web: {} } });
    const spec = buildContainerSpec(desired, desired.services.web!, 1);
    expect(spec).not.toHaveProperty("files");
    expect(spec.labels).not.toHaveProperty("dev.stackform.files");
  });

  it("never show a secret's value when created, in any rendering or in the operations", () => {
    const p = plan(stack(SECRET), empty);
    for (const text of everyRendering(p)) expect(text).not.toContain(SECRET);
    expect(human(p)).toContain("+ secrets.token: (sensitive)");
    expect(human(p)).toContain('+ configs.app.conf: "port 80\\n"');
    const json = planToJson(p) as { operations: { spec?: { files?: { content: string }[] } }[] };
    const files = json.operations.find((o) => o.spec?.files)?.spec?.files;
    expect(files?.map((f) => f.content)).toEqual(["(sensitive)", "port 80\n"]);
    // Shown only when asked.
    expect(renderPlan(p, { format: "human", color: false, showSensitive: true })).toContain(SECRET);
  });

  it("are unchanged after a perfect apply, by hash and field by field", () => {
    const observed = observedFromDesired(stack(SECRET));
    expect(plan(stack(SECRET), observed).changes).toEqual([]);
    expect(plan(stack(SECRET), observed, trustNoHash).changes).toEqual([]);
  });

  it("a changed secret replaces the container and says which, masked, with or without the hash", () => {
    const observed = observedFromDesired(stack(SECRET));
    for (const options of [{}, trustNoHash]) {
      const p = plan(stack(NEXT), observed, options);
      expect(p.changes.map((c) => c.action)).toEqual(["replace"]);
      expect(p.changes[0]?.fields).toEqual([
        {
          path: "secrets.token",
          before: "(sensitive)",
          after: NEXT,
          sensitive: true,
          forcesReplace: true,
        },
      ]);
      expect(human(p)).toContain("~ secrets.token: (sensitive) → (sensitive) (forces new container)");
      for (const text of everyRendering(p)) {
        expect(text).not.toContain(NEXT);
        expect(text).not.toContain(SECRET);
      }
    }
  });

  it("a changed config shows its old and new content", () => {
    const p = plan(stack(SECRET, "port 81\n"), observedFromDesired(stack(SECRET)), trustNoHash);
    expect(human(p)).toContain('~ configs.app.conf: "port 80\\n" → "port 81\\n" (forces new container)');
  });

  it("owner and mode, a file gone from the container and one no longer wanted are differences", () => {
    const desired = stack(SECRET, "port 80\n", [
      secretFile(SECRET, { target: "/etc/token", uid: 1000, mode: 0o400 }),
    ]);
    const observed = changeContainer(observedFromDesired(desired), "app-web-1", (c) => {
      const [token, conf, other] = c.config.files!;
      c.config.files = [
        { ...token!, content: undefined, uid: undefined, gid: undefined, mode: undefined },
        { ...conf!, target: "/old.conf" },
        { ...other!, uid: 0, mode: 0o444 },
      ];
      return c;
    });
    const fields = plan(desired, observed, trustNoHash).changes[0]?.fields.map((f) => [
      f.path,
      f.before,
      f.after,
    ]);
    expect(fields).toEqual([
      ["configs.app.conf", undefined, "port 80\n"],
      ["secrets.token[/etc/token].uid", 0, 1000],
      ["secrets.token[/etc/token].mode", "0444", "0400"],
      ["configs.app.conf[/old.conf]", "port 80\n", undefined],
      ["secrets.token", undefined, SECRET],
    ]);
  });

  it("the config hash changes with a value and never holds a secret", () => {
    const hashOf = (secret: string, config = "port 80\n") => {
      const desired = stack(secret, config);
      return configHash(buildContainerSpec(desired, desired.services.web!, 1));
    };
    expect(hashOf(NEXT)).not.toBe(hashOf(SECRET));
    expect(hashOf(SECRET, "port 81\n")).not.toBe(hashOf(SECRET));
    expect(hashOf(SECRET)).toBe(hashOf(SECRET));
    const plain = desiredStack({ services: { web: {} } });
    const withEmpty = buildContainerSpec(plain, plain.services.web!, 1);
    expect(configHash({ ...withEmpty, files: undefined })).toBe(configHash(withEmpty));
  });

  it("secret contents are scrubbed from engine text, config contents are not", () => {
    const desired = stack(SECRET);
    desired.secrets.token = { key: "token", environment: "TOKEN", value: SECRET };
    expect(sensitiveValues(desired)).toEqual([SECRET]);
  });
});
