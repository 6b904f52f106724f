import { describe, expect, it } from "vitest";
import { inspectedContainer } from "../../test/inspected-container.js";
import { liveConfig } from "./live-config.js";
import type { WireContainer } from "./wire-types.js";

const IMAGE = { env: {}, user: "", workingDir: "", labels: {}, volumes: [], exposedPorts: [] };

const inspected = (
  host: Partial<WireContainer["HostConfig"]>,
  config: Partial<WireContainer["Config"]> = {},
) => inspectedContainer({ host, config });

describe("host options read back from inspect", () => {
  it("keeps what the engine reports, defaults included, and leaves out nothing-values", () => {
    const live = liveConfig(
      inspected({
        LogConfig: { Type: "json-file", Config: {} },
        ShmSize: 67108864,
        IpcMode: "private",
        CgroupnsMode: "host",
        Runtime: "runc",
        OomKillDisable: false,
        OomScoreAdj: 0,
        PidMode: "",
        SecurityOpt: null,
        Ulimits: null,
        Sysctls: {},
        GroupAdd: null,
        MemorySwappiness: null,
        BlkioWeight: 0,
        BlkioDeviceReadBps: [],
        CpuPeriod: 0,
        CpusetCpus: "",
        DeviceCgroupRules: null,
      }),
      IMAGE,
      new Set(),
    );
    expect(live).toMatchObject({
      logging: { driver: "json-file", options: {} },
      shmSize: 67108864,
      ipcMode: "private",
      cgroupnsMode: "host",
      runtime: "runc",
      oomKillDisable: false,
    });
    for (const key of [
      "oomScoreAdj",
      "pidMode",
      "securityOpt",
      "ulimits",
      "sysctls",
      "groupAdd",
      "memSwappiness",
      "blkio",
      "cpuPeriod",
      "cpuset",
      "deviceCgroupRules",
      "domainname",
      "macAddress",
    ])
      expect(live, key).not.toHaveProperty(key);
  });

  it("reads each option in ContainerSpec terms", () => {
    const live = liveConfig(
      inspected(
        {
          Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
          Devices: [{ PathOnHost: "/dev/null", PathInContainer: "/dev/n", CgroupPermissions: "rw" }],
          MemorySwappiness: 0,
          BlkioDeviceWriteIOps: [{ Path: "/dev/vda", Rate: 200 }],
          CpuQuota: 50000,
          OomScoreAdj: -500,
        },
        { Domainname: "example.internal", MacAddress: "02:42:AC:11:00:99" },
      ),
      IMAGE,
      new Set(),
    );
    expect(live).toMatchObject({
      ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
      devices: [{ source: "/dev/null", target: "/dev/n", permissions: "rw" }],
      // 0 is a swappiness of its own, unlike null (the host's).
      memSwappiness: 0,
      blkio: { deviceWriteIops: [{ path: "/dev/vda", rate: 200 }] },
      cpuQuota: 50000,
      oomScoreAdj: -500,
      domainname: "example.internal",
      macAddress: "02:42:ac:11:00:99",
    });
  });

  it("reads volumes_from as requested and links from every endpoint, once each", () => {
    const endpoint = (links: string[] | null) => ({
      NetworkID: "n",
      Aliases: null,
      IPAMConfig: null,
      Links: links,
    });
    const live = liveConfig(
      {
        ...inspected({ VolumesFrom: ["app-data-1:ro", "keeper"] }),
        NetworkSettings: {
          Networks: {
            a: endpoint(["app-db-1:db", "outside"]),
            b: endpoint(["app-db-1:db"]),
            c: endpoint(null),
          },
          Ports: null,
        },
      },
      IMAGE,
      new Set(),
    );
    expect([live.volumesFrom, live.links]).toEqual([
      ["app-data-1:ro", "keeper"],
      ["app-db-1:db", "outside"],
    ]);
    expect(liveConfig(inspected({ VolumesFrom: null }), IMAGE, new Set())).not.toHaveProperty("links");
  });
});
