import { describe, expect, it } from "vitest";
import { desiredStack } from "../../test/builders.js";
import { buildContainerSpec } from "../spec/container-spec.js";
import { CONFIG_HASH_VERSION, configHash } from "./config-hash.js";

const desired = desiredStack({ services: { web: { environment: { A: "1", DB_PASSWORD: "x" } } } });
const base = buildContainerSpec(desired, desired.services.web!, 1);

describe("configHash", () => {
  it("is versioned sha256 hex", () => {
    expect(configHash(base)).toMatch(new RegExp(`^${CONFIG_HASH_VERSION}:[0-9a-f]{64}$`));
  });

  it("ignores the fields changed in place: name, restart, resources, networks", () => {
    const h = configHash(base);
    expect(configHash({ ...base, name: "other" })).toBe(h);
    expect(configHash({ ...base, restart: { name: "always", maximumRetryCount: 0 } })).toBe(h);
    expect(configHash({ ...base, resources: { memoryLimit: 1 } })).toBe(h);
    expect(
      configHash({ ...base, networks: [...base.networks, { network: "app_other", aliases: ["web"] }] }),
    ).toBe(h);
  });

  it("ignores its own label, the version label and the replaces label", () => {
    const labels = {
      ...base.labels,
      "dev.stackform.config-hash": "v1:x",
      "dev.stackform.version": "9",
      "dev.stackform.replaces": "id",
    };
    expect(configHash({ ...base, labels })).toBe(configHash(base));
  });

  it("changes with the image, the environment (secret values too), labels and mounts", () => {
    const h = configHash(base);
    expect(configHash({ ...base, image: "nginx:1.28" })).not.toBe(h);
    expect(configHash({ ...base, env: { ...base.env, A: "2" } })).not.toBe(h);
    expect(configHash({ ...base, env: { ...base.env, DB_PASSWORD: "y" } })).not.toBe(h);
    expect(configHash({ ...base, labels: { ...base.labels, tier: "x" } })).not.toBe(h);
    expect(configHash({ ...base, mounts: [{ type: "tmpfs", target: "/tmp" }] })).not.toBe(h);
    expect(configHash({ ...base, networkMode: "host", networks: [] })).not.toBe(h);
  });

  it("does not depend on key order", () => {
    const reversed = Object.fromEntries(Object.entries(base.env).reverse());
    expect(configHash({ ...base, env: reversed })).toBe(configHash(base));
  });
});
