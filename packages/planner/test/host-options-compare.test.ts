import { describe, expect, it } from "vitest";
import { configHash } from "../src/hash/config-hash.js";
import { plan } from "../src/plan.js";
import { buildContainerSpec } from "../src/spec/container-spec.js";
import { changeContainer, desiredStack, human, observedFromDesired } from "./builders.js";

const FULL = { trustConfigHash: false };
const NO_CHANGES = "No changes. The stack matches the engine.\n";

/** What other daemons (or the joined namespace) fill in, beyond the fixture engine's defaults. */
describe("values the engine adds on its own are not differences", () => {
  const desired = desiredStack({
    services: {
      web: {},
      sidecar: { networkMode: { kind: "service", service: "web" } },
    },
  });

  it("a daemon with another log driver, default ulimits and runtime, a shared UTS namespace", () => {
    let observed = observedFromDesired(desired);
    observed = changeContainer(observed, "app-web-1", (c) => {
      c.config.logging = { driver: "journald", options: {} };
      c.config.ulimits = [{ name: "nofile", soft: 65536, hard: 65536 }];
      c.config.runtime = "crun";
      c.config.cgroupnsMode = "private";
      c.config.ipcMode = "private";
      return c;
    });
    // Joining web's namespaces, the sidecar reports web's domain name as its own.
    observed = changeContainer(observed, "app-sidecar-1", (c) => {
      c.config.domainname = "web.example";
      return c;
    });
    expect(human(plan(desired, observed, FULL))).toBe(NO_CHANGES);
  });

  it("but what the file did not ask for is reported", () => {
    const observed = changeContainer(observedFromDesired(desired), "app-web-1", (c) => {
      c.config.logging = { driver: "json-file", options: { "max-size": "1m" } };
      c.config.shmSize = 128 * 1024 ** 2;
      c.config.securityOpt = ["label=disable"];
      c.config.domainname = "web.example";
      return c;
    });
    const text = human(plan(desired, observed, FULL));
    expect(text).toContain('- logging.options.max-size: "1m" (forces new container)');
    expect(text).toContain('- shm_size: "128MiB" (forces new container)');
    // Not privileged and no host namespace: the engine would not have added it.
    expect(text).toContain('- security_opt: "label=disable" (forces new container)');
    expect(text).toContain('- domainname: "web.example" (forces new container)');
  });
});

describe("host options and the config hash", () => {
  const HOST_KEYS = [
    "dnsOptions",
    "dnsSearch",
    "logging",
    "ulimits",
    "sysctls",
    "shmSize",
    "securityOpt",
    "devices",
    "pidMode",
    "ipcMode",
    "cgroupParent",
    "cgroupnsMode",
    "oomKillDisable",
    "oomScoreAdj",
    "groupAdd",
    "domainname",
    "macAddress",
    "usernsMode",
    "utsMode",
    "runtime",
    "cpuPeriod",
    "cpuQuota",
    "cpuRtPeriod",
    "cpuRtRuntime",
    "cpuset",
    "memSwappiness",
    "blkio",
    "deviceCgroupRules",
    "storageOpt",
  ];

  it("are absent from a service that sets none, so existing containers keep their hash", () => {
    const desired = desiredStack({ services: { web: {} } });
    const spec = buildContainerSpec(desired, desired.services.web!, 1);
    expect(HOST_KEYS.filter((key) => key in spec)).toEqual([]);
  });

  it("change the hash when set", () => {
    const plain = desiredStack({ services: { web: {} } });
    const tuned = desiredStack({ services: { web: { shmSize: 128 * 1024 ** 2 } } });
    expect(configHash(buildContainerSpec(tuned, tuned.services.web!, 1))).not.toBe(
      configHash(buildContainerSpec(plain, plain.services.web!, 1)),
    );
  });
});
