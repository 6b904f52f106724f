import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { loadStack } from "../src/index.js";

const cwd = fileURLToPath(new URL("./fixtures/valid/host-options/", import.meta.url));

test("host options are normalised to the Engine API's forms, and only what the file sets", async () => {
  const { stack, diagnostics } = await loadStack({ cwd, env: {} });
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const { app, plain } = stack!.services;
  expect(app).toMatchObject({
    dnsOptions: ["ndots:2"],
    dnsSearch: ["example.internal"],
    logging: { driver: "local", options: { "max-file": "3", "max-size": "10m" } },
    ulimits: { nofile: { soft: 20000, hard: 40000 }, nproc: { soft: 65535, hard: 65535 } },
    sysctls: { "net.core.somaxconn": "1024", "net.ipv4.tcp_syncookies": "0" },
    shmSize: 1024 ** 3,
    securityOpt: ["no-new-privileges:true", "seccomp=unconfined"],
    devices: [
      { source: "/dev/fuse", target: "/dev/fuse", permissions: "rwm" },
      { source: "/dev/null", target: "/dev/mynull", permissions: "r" },
      { source: "/dev/zero", target: "/dev/z", permissions: "rwm" },
    ],
    pid: "host",
    ipc: "shareable",
    cgroupParent: "parent",
    cgroup: "private",
    oomKillDisable: true,
    oomScoreAdj: -500,
    groupAdd: ["audio", "1000"],
    domainname: "example.internal",
    macAddress: "02:42:ac:11:00:02",
    usernsMode: "host",
    uts: "host",
    runtime: "runc",
    cpuPeriod: 100000,
    cpuQuota: 50000,
    cpuRtPeriod: 1000000,
    cpuRtRuntime: 950000,
    cpuset: "0-1,3",
    memSwappiness: 0,
    blkio: {
      weight: 300,
      weightDevice: [{ path: "/dev/sda", weight: 400 }],
      deviceReadBps: [{ path: "/dev/sda", rate: 12 * 1024 ** 2 }],
      deviceWriteIops: [{ path: "/dev/sda", rate: 100 }],
    },
  });
  // `logging: {}` asks for the default driver with no options; `pid: null` is no setting at all.
  expect(plain?.logging).toEqual({ options: {} });
  expect(plain && "pid" in plain).toBe(false);
  expect(plain && "shmSize" in plain).toBe(false);
});
